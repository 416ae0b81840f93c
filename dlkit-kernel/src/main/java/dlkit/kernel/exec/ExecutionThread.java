package dlkit.kernel.exec;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that runs notebook code. It persists across cells because ND4J keeps per-thread
 * state (its random generator, workspaces): a seed set in one cell must hold in the next. An interrupt
 * first asks politely (Thread.interrupt); if the code is still running after a grace period the thread
 * is stopped (Thread.stop, still available on Java 17) and replaced by a fresh one.
 */
public final class ExecutionThread {

    private static final long STACK_BYTES = 64L * 1024 * 1024;

    private ExecutorService executor = newExecutor();
    private volatile Thread thread;
    private volatile Future<?> running;
    private volatile boolean interrupted;
    private volatile boolean cancelRequested;

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "dlkit-exec", STACK_BYTES);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** True when this thread is the one running notebook code. */
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** A new cell starts: forget an interrupt aimed at the previous one. */
    public void beginCell() {
        cancelRequested = false;
        interrupted = false;
    }

    /** Whether an interrupt arrived for this cell (its next snippet must not start). */
    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** True while notebook code is running (not merely being compiled). */
    public boolean isBusy() {
        return running != null;
    }

    /**
     * Runs {@code task} on the execution thread with {@code loader} as its context class loader. If the
     * cell was interrupted while JShell was still compiling, the task does not start at all.
     */
    public <T> T run(Callable<T> task, ClassLoader loader) throws Exception {
        if (cancelRequested) {
            throw new InterruptedException("interrupted before it started");
        }
        Future<T> future = executor.submit(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            Thread.interrupted(); // clear a stale flag from an earlier interrupt
            return task.call();
        });
        running = future;
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } finally {
            running = null;
        }
    }

    /**
     * Runs a snippet's entry method here, with its class's loader as context loader. An interrupt surfaces as the
     * snippet's own exception (JShell drops other failures of declarations).
     */
    Object runSnippet(java.lang.reflect.Method doit) throws Exception {
        try {
            return run(() -> doit.invoke(null), doit.getDeclaringClass().getClassLoader());
        } catch (InterruptedException e) {
            throw new java.lang.reflect.InvocationTargetException(e);
        }
    }

    /** Whether the last {@link #run} was interrupted by {@link #interrupt}. */
    public boolean wasInterrupted() {
        return interrupted;
    }

    /** Stops the running code, if any, within about {@code graceMillis} + a little. */
    @SuppressWarnings({"deprecation", "removal"})
    public void interrupt(long graceMillis) {
        cancelRequested = true; // also stops the next snippet of this cell from starting
        interrupted = true;
        Future<?> f = running;
        Thread t = thread;
        if (f == null || t == null) {
            return;
        }
        t.interrupt();
        long deadline = System.currentTimeMillis() + graceMillis;
        while (!f.isDone() && System.currentTimeMillis() < deadline) {
            sleep(10);
        }
        if (f.isDone()) {
            return;
        }
        // Tight loops ignore interrupt(); stop the thread and start a new one for later cells.
        ExecutorService old = executor;
        executor = newExecutor();
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20+: nothing more we can do from here.
        }
        old.shutdownNow();
        try {
            old.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
