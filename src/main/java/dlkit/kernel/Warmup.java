package dlkit.kernel;

import dlkit.kernel.exec.JavaRepl;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * Loads ND4J's native backend in the background after start-up so the first cell that uses it does
 * not pay for it (about a second). Off with DLKIT_PREWARM=0.
 */
final class Warmup {

    private Warmup() {
    }

    static void start(CompletableFuture<JavaRepl> repl) {
        if (!Env.prewarm()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                repl.join();
                org.nd4j.linalg.factory.Nd4j.create(new float[] {1f, 2f}, 2).sumNumber();
            } catch (Throwable e) {
                LoggerFactory.getLogger(Warmup.class).warn("ND4J warm-up failed", e);
            }
        }, "dlkit-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
