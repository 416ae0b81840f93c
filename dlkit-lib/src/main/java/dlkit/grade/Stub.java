package dlkit.grade;

/**
 * What {@code ./dlkit release} puts where a solution region sits in an expression (e.g. a field initialiser,
 * {@code double[] w = dlkit.grade.Stub.yourCodeHere();}), where a {@code throw} statement would not compile.
 */
public final class Stub {
    private Stub() {}

    /** Always throws; its type adapts to the declaration it initialises. */
    public static <T> T yourCodeHere() {
        throw new UnsupportedOperationException("your code here");
    }
}
