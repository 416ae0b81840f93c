package dlkit.kernel.io;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.messages.Message;

/**
 * System.in for notebook code: each time it runs dry it asks the front end for a line (input_request),
 * if the running request allows stdin; otherwise it reads as end of input.
 */
public final class KernelInput extends InputStream {

    private final StdinChannel stdin;
    private final Publisher publisher;
    private final KernelStreams streams;
    private volatile boolean allowed;
    private byte[] buffer = new byte[0];
    private int pos;

    public KernelInput(StdinChannel stdin, Publisher publisher, KernelStreams streams) {
        this.stdin = stdin;
        this.publisher = publisher;
        this.streams = streams;
    }

    public void allow(boolean allowed) {
        this.allowed = allowed;
        this.buffer = new byte[0];
        this.pos = 0;
    }

    @Override
    public synchronized int read() {
        if (!fill()) {
            return -1;
        }
        return buffer[pos++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - pos;
    }

    private boolean fill() {
        if (pos < buffer.length) {
            return true;
        }
        Message<?> request = publisher.current();
        if (!allowed || request == null) {
            return false;
        }
        streams.flush(); // so a prompt printed with System.out.print shows before the input box
        String line = stdin.getInput(request, "", false);
        if (line == null) {
            return false;
        }
        buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
        pos = 0;
        return true;
    }
}
