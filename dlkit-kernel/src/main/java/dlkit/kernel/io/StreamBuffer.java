package dlkit.kernel.io;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects what a stream (stdout or stderr) writes and publishes it in batches, so a loop printing a
 * million lines sends a few hundred messages, not a million. After {@code limitBytes} in one cell the
 * rest is counted, not sent, and a single note says how much was left out.
 */
public final class StreamBuffer extends OutputStream {

    /** Receives each batch of text. */
    public interface Sink {
        void send(String streamName, String text);
    }

    private final String name;
    private final Sink sink;
    private final long limitBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long sentThisCell;
    private long droppedThisCell;

    public StreamBuffer(String name, Sink sink, long limitBytes) {
        this.name = name;
        this.sink = sink;
        this.limitBytes = limitBytes;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        long room = limitBytes - sentThisCell - pending.size();
        if (room <= 0) {
            droppedThisCell += len;
            return;
        }
        int take = (int) Math.min(room, len);
        pending.write(b, off, take);
        droppedThisCell += len - take;
        if (pending.size() >= 64 * 1024) {
            flush();
        }
    }

    /** Publishes whatever complete UTF-8 text is pending. */
    @Override
    public synchronized void flush() {
        if (pending.size() == 0) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        int cut = completeUtf8Prefix(bytes);
        pending.reset();
        pending.write(bytes, cut, bytes.length - cut);
        if (cut > 0) {
            sentThisCell += cut;
            send(new String(Arrays.copyOf(bytes, cut), StandardCharsets.UTF_8));
        }
    }

    /** Ends a cell: flushes everything, reports what was left out, and resets the limit. */
    public synchronized void endCell() {
        flush();
        if (pending.size() > 0) { // a dangling partial character
            send(new String(pending.toByteArray(), StandardCharsets.UTF_8));
            pending.reset();
        }
        if (droppedThisCell > 0) {
            send(String.format(
                    "%n[DLKit: output truncated after %d MB; %,d more bytes not shown. "
                            + "Print less, or write to a file.]%n",
                    limitBytes / (1024 * 1024), droppedThisCell));
        }
        sentThisCell = 0;
        droppedThisCell = 0;
    }

    private void send(String text) {
        sink.send(name, text);
    }

    /** Length of the longest prefix that does not end inside a multi-byte UTF-8 sequence. */
    static int completeUtf8Prefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xFF;
            if ((c & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead byte
            }
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
