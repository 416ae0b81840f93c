package dlkit.kernel;

import dlkit.kernel.exec.JavaRepl;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the extensions' warm-up (for DLKit's library: loading ND4J's native backend) in the background once the
 * startup imports are in, so that the first cell that needs it does not pay for it (about a second). Off with
 * DLKIT_PREWARM=0.
 */
final class Warmup {

    private Warmup() {}

    static void start(CompletableFuture<JavaRepl> repl, Extensions extensions) {
        if (!Env.prewarm()) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        if (repl.join().inAgent()) {
                            return; // the agent warms up its own JVM, where the cells run
                        }
                    } catch (RuntimeException e) {
                        return; // no JShell, no cells to warm up for
                    }
                    extensions.warmUp();
                },
                "dlkit-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
