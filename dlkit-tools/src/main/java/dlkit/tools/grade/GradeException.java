package dlkit.tools.grade;

/** Bad input for release or grade, phrased as one line that names the problem and the fix. */
public final class GradeException extends Exception {
    private static final long serialVersionUID = 1L;

    public GradeException(String message) {
        super(message);
    }
}
