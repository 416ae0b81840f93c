package dlkit.kernel.magic;

/** A magic that cannot run (unknown name, bad arguments, missing file); its message is one line. */
public final class MagicException extends Exception {
    private static final long serialVersionUID = 1L;

    public MagicException(String message) {
        super(message);
    }
}
