package dlkit.kernel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Java could not start in this kernel (JShell's compiler, or the execution agent's JVM that never connected). Every
 * request that needs it gets this one error as its reply, so a client sees why at once instead of waiting for a
 * reply that never comes; the kernel keeps answering the rest (kernel_info, history, shutdown).
 */
final class ReplUnavailable extends RuntimeException {

    static final String ENAME = "KernelStartError";
    private static final long serialVersionUID = 1L;

    private ReplUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    /** The started REPL, or this exception naming why it did not start. */
    static <T> T join(CompletableFuture<T> repl) {
        try {
            return repl.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root.getMessage() != null
                    ? root.getMessage()
                    : root.getClass().getSimpleName();
            throw new ReplUnavailable(
                    "Java did not start in this kernel (" + why + "); restart the kernel, and run ./dlkit doctor "
                            + "if it happens again",
                    e);
        }
    }

    /** Whether the REPL is up (false while it starts, and when it failed to). */
    static boolean ready(CompletableFuture<?> repl) {
        return repl.isDone() && !repl.isCompletedExceptionally();
    }

    ErrorReport report() {
        return new ErrorReport(ENAME, getMessage(), List.of("\u001b[0;31m" + ENAME + "\u001b[0m: " + getMessage()));
    }
}
