package dlkit.run;

/** A problem with a notebook or with the run request, phrased as one line that names the fix. */
public final class NotebookException extends Exception {
    public NotebookException(String message) {
        super(message);
    }
}
