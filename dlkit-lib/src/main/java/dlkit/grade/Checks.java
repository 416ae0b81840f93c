package dlkit.grade;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The graded-check helpers notebooks call. Each prints {@code OK: what} on success and throws
 * {@code AssertionError("FAILED: what: expected …, got …")} on failure, so a failed check is an error output
 * (0 points under nbgrader's rule) without relying on Java {@code assert}, which is off by default.
 *
 * <p>Argument order is always {@code (actual, expected, …, what)}. Tolerances are absolute: a value passes
 * when {@code |actual - expected| <= tol}; NaN never passes.
 *
 * <p>Graded test cells should call these through {@code dlkit.grade.Checks} (the grader rewrites unqualified
 * calls in restored test cells to the qualified form), so a submission that declares its own {@code check}
 * cannot turn a failing check into a passing one.
 */
public final class Checks {
    private static final int SHOWN = 8;

    private Checks() {}

    /** Passes when {@code ok}. */
    public static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("FAILED: " + what);
        }
        pass(what);
    }

    /**
     * A check that only means something in some runs (a GPU, the real data set, enough iterations): when
     * {@code applies} it is {@link #check(boolean, String)}, otherwise it prints {@code SKIPPED: what (whyNot)}
     * instead of an {@code OK} that was never earned.
     */
    public static void checkWhen(boolean applies, String whyNot, boolean ok, String what) {
        if (!applies) {
            System.out.println("SKIPPED: " + what + " (" + whyNot + ")");
            return;
        }
        check(ok, what);
    }

    /** Passes when {@code !condition}. */
    public static void checkFalse(boolean condition, String what) {
        check(!condition, what);
    }

    /**
     * Passes when {@code actual} equals {@code expected}: arrays by content ({@link Arrays#deepEquals}), whole
     * numbers by value whatever their boxed type (so {@code 3} equals {@code 3L}), everything else by
     * {@link Objects#equals}.
     */
    public static void checkEquals(Object actual, Object expected, String what) {
        if (!equal(actual, expected)) {
            fail(what, "expected " + show(expected) + ", got " + show(actual));
        }
        pass(what);
    }

    /** Passes when {@code |actual - expected| <= tol}. */
    public static void checkClose(double actual, double expected, double tol, String what) {
        double diff = Math.abs(actual - expected);
        if (!(diff <= tol)) {
            fail(
                    what,
                    "expected " + expected + " ± " + tol + ", got " + actual
                            + (Double.isNaN(diff) ? "" : " (off by " + diff + ")"));
        }
        pass(what);
    }

    /** Passes when {@code lo <= actual <= hi}. */
    public static void checkInRange(double actual, double lo, double hi, String what) {
        if (!(actual >= lo && actual <= hi)) {
            fail(what, "expected a value in [" + lo + ", " + hi + "], got " + actual);
        }
        pass(what);
    }

    /** Element-wise {@link #checkClose}; lengths must match. The message names the worst element. */
    public static void checkArrayClose(double[] actual, double[] expected, double tol, String what) {
        if (actual == null || expected == null) {
            fail(what, "expected " + show(expected) + ", got " + show(actual));
        }
        if (actual.length != expected.length) {
            fail(what, "expected length " + expected.length + ", got length " + actual.length);
        }
        compare(actual, expected, tol, what, null);
        pass(what);
    }

    public static void checkArrayClose(float[] actual, float[] expected, double tol, String what) {
        checkArrayClose(toDouble(actual), toDouble(expected), tol, what);
    }

    public static void checkArrayClose(double[][] actual, double[][] expected, double tol, String what) {
        if (actual == null || expected == null) {
            fail(what, "expected " + show(expected) + ", got " + show(actual));
        }
        int[] a = shape2(actual);
        int[] e = shape2(expected);
        if (a == null || !Arrays.equals(a, e)) {
            fail(
                    what,
                    "expected shape " + Arrays.toString(e) + ", got "
                            + (a == null ? "a ragged array" : "shape " + Arrays.toString(a)));
        }
        double[] flatA = new double[a[0] * a[1]];
        double[] flatE = new double[flatA.length];
        for (int i = 0; i < a[0]; i++) {
            System.arraycopy(actual[i], 0, flatA, i * a[1], a[1]);
            System.arraycopy(expected[i], 0, flatE, i * a[1], a[1]);
        }
        compare(flatA, flatE, tol, what, new long[] {a[0], a[1]});
        pass(what);
    }

    /** Shapes must match exactly; then values element-wise within {@code tol}. */
    public static void checkArrayClose(INDArray actual, INDArray expected, double tol, String what) {
        if (actual == null || expected == null) {
            fail(
                    what,
                    "expected " + (expected == null ? "null" : "an array") + ", got "
                            + (actual == null ? "null" : "an array"));
        }
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            fail(
                    what,
                    "expected shape " + Arrays.toString(expected.shape()) + ", got shape "
                            + Arrays.toString(actual.shape()));
        }
        compare(
                actual.dup()
                        .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                        .data()
                        .asDouble(),
                expected.dup()
                        .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                        .data()
                        .asDouble(),
                tol,
                what,
                expected.shape());
        pass(what);
    }

    /** Compares an INDArray with plain values (any shape with that many elements, read in row-major order). */
    public static void checkArrayClose(INDArray actual, double[] expected, double tol, String what) {
        if (actual == null) {
            fail(what, "expected an array, got null");
        }
        if (actual.length() != expected.length) {
            fail(
                    what,
                    "expected " + expected.length + " elements, got " + actual.length() + " (shape "
                            + Arrays.toString(actual.shape()) + ")");
        }
        compare(
                actual.dup('c')
                        .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                        .data()
                        .asDouble(),
                expected,
                tol,
                what,
                null);
        pass(what);
    }

    /** Passes when the array's shape is {@code expected}, e.g. {@code checkShape(x, 64, 10)}. */
    public static void checkShape(INDArray actual, long... expected) {
        checkShape(actual == null ? null : actual.shape(), expected);
    }

    public static void checkShape(long[] actual, long... expected) {
        checkShape("shape " + Arrays.toString(expected), actual, expected);
    }

    public static void checkShape(int[] actual, int... expected) {
        checkShape("shape " + Arrays.toString(expected), actual == null ? null : toLong(actual), toLong(expected));
    }

    /** As {@link #checkShape(INDArray, long...)} with a description, e.g. {@code checkShape("logits", y, 64, 10)}. */
    public static void checkShape(String what, INDArray actual, long... expected) {
        checkShape(what, actual == null ? null : actual.shape(), expected);
    }

    public static void checkShape(String what, long[] actual, long... expected) {
        if (actual == null || !Arrays.equals(actual, expected)) {
            fail(
                    what,
                    "expected shape " + Arrays.toString(expected) + ", got "
                            + (actual == null ? "null" : "shape " + Arrays.toString(actual)));
        }
        pass(what);
    }

    public static void checkShape(String what, int[] actual, int... expected) {
        checkShape(what, actual == null ? null : toLong(actual), toLong(expected));
    }

    /** Code that may throw anything, for {@link #checkThrows}. */
    @FunctionalInterface
    public interface Code {
        void run() throws Throwable;
    }

    /** Passes when {@code code} throws {@code type} (or a subclass). */
    public static void checkThrows(Class<? extends Throwable> type, Code code, String what) {
        try {
            code.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                pass(what);
                return;
            }
            fail(
                    what,
                    "expected " + type.getSimpleName() + ", got " + t.getClass().getSimpleName()
                            + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
        fail(what, "expected " + type.getSimpleName() + ", but nothing was thrown");
    }

    // ---- internals ----------------------------------------------------------------------------------------------

    private static void pass(String what) {
        System.out.println("OK: " + what);
    }

    private static void fail(String what, String detail) {
        throw new AssertionError("FAILED: " + what + ": " + detail);
    }

    private static void compare(double[] actual, double[] expected, double tol, String what, long[] shape) {
        int worst = -1;
        double worstDiff = -1;
        int bad = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (!(d <= tol)) {
                bad++;
                double rank = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                if (rank > worstDiff) {
                    worstDiff = rank;
                    worst = i;
                }
            }
        }
        if (bad > 0) {
            String where = shape == null || shape.length < 2 ? "[" + worst + "]" : index(worst, shape);
            fail(
                    what,
                    bad + " of " + actual.length + " elements differ by more than " + tol + "; worst at " + where
                            + ": expected " + expected[worst] + ", got " + actual[worst]
                            + (actual.length <= SHOWN
                                    ? " (expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual)
                                            + ")"
                                    : ""));
        }
    }

    private static String index(int flat, long[] shape) {
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = rest % shape[d];
            rest /= shape[d];
        }
        return Arrays.toString(idx);
    }

    private static int[] shape2(double[][] a) {
        if (a.length == 0) {
            return new int[] {0, 0};
        }
        int cols = a[0] == null ? -1 : a[0].length;
        for (double[] row : a) {
            if (row == null || row.length != cols) {
                return null;
            }
        }
        return new int[] {a.length, cols};
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && integral(x) && integral(y)) {
            return x.longValue() == y.longValue();
        }
        if (a != null && b != null && a.getClass().isArray() && b.getClass().isArray()) {
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
        }
        return Objects.equals(a, b);
    }

    private static boolean integral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    static String show(Object o) {
        String s;
        if (o == null) {
            s = "null";
        } else if (o.getClass().isArray()) {
            s = Arrays.deepToString(new Object[] {o});
            s = s.substring(1, s.length() - 1);
        } else if (o instanceof String str) {
            s = '"' + str + '"';
        } else if (o instanceof Character c) {
            s = "'" + c + "'";
        } else {
            s = String.valueOf(o);
        }
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    private static double[] toDouble(float[] f) {
        if (f == null) {
            return null;
        }
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static long[] toLong(int[] a) {
        long[] l = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            l[i] = a[i];
        }
        return l;
    }
}
