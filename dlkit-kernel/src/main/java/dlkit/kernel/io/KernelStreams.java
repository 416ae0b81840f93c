package dlkit.kernel.io;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Replaces System.out, System.err and System.in for the life of the kernel (not per cell, so output
 * from threads that outlive their cell is kept). A daemon thread flushes every 50 ms so long-running
 * cells show progress as it happens.
 */
public final class KernelStreams {

    private static final long LIMIT_BYTES = 8L * 1024 * 1024;

    private final StreamBuffer out;
    private final StreamBuffer err;
    private final PrintStream originalOut;
    private final PrintStream originalErr;

    public KernelStreams(Publisher publisher) {
        StreamBuffer.Sink sink = (name, text) -> publisher.publish("stream", Map.of("name", name, "text", text));
        this.out = new StreamBuffer("stdout", sink, LIMIT_BYTES);
        this.err = new StreamBuffer("stderr", sink, LIMIT_BYTES);
        this.originalOut = System.out;
        this.originalErr = System.err;
    }

    public void install(InputStream in) {
        System.setOut(new PrintStream(out, false, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, false, StandardCharsets.UTF_8));
        System.setIn(in);
        Thread flusher = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                        flush();
                    }
                },
                "dlkit-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    public void flush() {
        System.out.flush();
        System.err.flush();
        out.flush();
        err.flush();
    }

    public void endCell() {
        System.out.flush();
        System.err.flush();
        out.endCell();
        err.endCell();
    }

    /** The process's real stderr (the Jupyter server's log), for the kernel's own fatal messages. */
    public PrintStream originalErr() {
        return originalErr;
    }

    public PrintStream originalOut() {
        return originalOut;
    }
}
