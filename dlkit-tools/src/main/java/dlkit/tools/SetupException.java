package dlkit.tools;

/** A set-up step that cannot go on: its message is one line naming the problem and the fix. */
final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    SetupException(String message) {
        super(message);
    }
}
