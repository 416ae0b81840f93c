package dlkit.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.security.Permission;

/**
 * Keeps notebook code from ending the kernel with System.exit: the call throws instead, and the cell
 * shows a one-line error. Everything else is permitted. (Java 17 still has the SecurityManager hook;
 * its deprecation warning goes to a muted stream, not the notebook.)
 */
@SuppressWarnings("removal")
final class ExitGuard extends SecurityManager {

    private volatile boolean kernelExiting;

    static ExitGuard install() {
        ExitGuard guard = new ExitGuard();
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            System.setSecurityManager(guard);
        } catch (UnsupportedOperationException e) {
            return null; // -Djava.security.manager=disallow: run without the guard
        } finally {
            System.setErr(err);
        }
        return guard;
    }

    /** The kernel itself is shutting down: let exit through. */
    void allowExit() {
        kernelExiting = true;
    }

    @Override
    public void checkExit(int status) {
        if (!kernelExiting) {
            throw new SecurityException("System.exit(" + status + ") would stop the kernel, so DLKit blocked it; "
                    + "use Kernel > Restart to start afresh");
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        // everything else is allowed
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything else is allowed
    }
}
