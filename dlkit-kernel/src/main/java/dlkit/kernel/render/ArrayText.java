package dlkit.kernel.render;

import java.util.Arrays;

/** Java arrays as readable text ({@code [1.0, 2.0]}) instead of {@code [D@1b6d3586}. */
final class ArrayText {

    private ArrayText() {}

    static String of(Object array) {
        if (array instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (array instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (array instanceof float[] a) {
            return Arrays.toString(a);
        }
        if (array instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (array instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (array instanceof byte[] a) {
            return Arrays.toString(a);
        }
        if (array instanceof short[] a) {
            return Arrays.toString(a);
        }
        if (array instanceof char[] a) {
            return Arrays.toString(a);
        }
        if (array instanceof boolean[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(array);
    }
}
