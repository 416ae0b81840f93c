package dlkit.nn.onednn;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Raw addresses of ND4J arrays, so oneDNN reads and writes DL4J's own parameter and gradient buffers. */
final class NativeArrays {
    private NativeArrays() {}

    /** Address of element 0 of a dense FLOAT array in 'c' order (size-1 dimensions may have any stride). */
    static long address(INDArray a) {
        return address(a, true);
    }

    /** Address of element 0 of a dense FLOAT array, 'c' order or (when {@code cOnly} is false) 'f' order. */
    static long address(INDArray a, boolean cOnly) {
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("oneDNN training needs FLOAT arrays, not " + a.dataType());
        }
        if (!dense(a, true) && (cOnly || !dense(a, false))) {
            throw new IllegalArgumentException("not a dense array: shape " + java.util.Arrays.toString(a.shape())
                    + ", strides " + java.util.Arrays.toString(a.stride()));
        }
        return a.data().addressPointer().address(); // a view's buffer already starts at its offset
    }

    private static boolean dense(INDArray a, boolean c) {
        long expect = 1;
        for (int k = 0; k < a.rank(); k++) {
            int i = c ? a.rank() - 1 - k : k;
            if (a.size(i) != 1 && a.stride(i) != expect) {
                return false;
            }
            expect *= a.size(i);
        }
        return true;
    }

    /** A float view of {@code n} floats at {@code address} (not owning). */
    static FloatPointer floats(long at, long n) {
        FloatPointer p = new FloatPointer() {
            {
                address = at; // (a parameter named "address" would be shadowed by Pointer's field here)
            }
        };
        return p.capacity(n).limit(n);
    }
}
