package dlkit.run;

/** A problem with a notebook or with the run request, phrased as one line that names the fix. */
public final class NotebookException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotebookException(String message) {
        super(message);
    }
}
