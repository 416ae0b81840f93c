package dlkit.kernel.wire;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dflib.jjava.jupyter.messages.Message;

/**
 * One line per protocol message in and out ({@code DLKIT_TRACE=file}): milliseconds since start, direction,
 * channel, type, msg_id, parent msg_id, thread. For a client that waits on an idle kernel, it tells whether the
 * request arrived and whether the reply and the idle status left. Off (no cost) unless the variable is set;
 * {@code %p} in the file name becomes the process id (several kernels, one setting).
 */
public final class Trace {
    private static final Writer OUT = open(System.getenv("DLKIT_TRACE"));
    private static final long START = System.nanoTime();

    private Trace() {}

    private static Writer open(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            Path path = Path.of(
                    file.replace("%p", Long.toString(ProcessHandle.current().pid())));
            Files.createDirectories(path.toAbsolutePath().getParent());
            return Files.newBufferedWriter(
                    path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static boolean on() {
        return OUT != null;
    }

    /** A message received on {@code channel}. */
    public static void in(String channel, Message<?> m) {
        if (OUT != null && m != null) {
            write("<", channel, m);
        }
    }

    /** A message about to be sent on {@code channel}. */
    public static void out(String channel, Message<?> m) {
        if (OUT != null && m != null) {
            write(">", channel, m);
        }
    }

    private static void write(String dir, String channel, Message<?> m) {
        String type = m.getHeader().getType().getName();
        if ("status".equals(type) && m.getContent() instanceof java.util.Map<?, ?> c) {
            type = "status:" + c.get("execution_state");
        }
        String line = String.format(
                "%d %s %s %s %s parent=%s [%s]%n",
                (System.nanoTime() - START) / 1_000_000,
                dir,
                channel,
                type,
                m.getHeader().getId(),
                m.hasParentHeader() ? m.getParentHeader().getId() : "-",
                Thread.currentThread().getName());
        synchronized (OUT) {
            try {
                OUT.write(line);
                OUT.flush();
            } catch (IOException e) {
                // tracing is best effort
            }
        }
    }
}
