package dlkit.kernel.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a socket channel that a reader and a writer may use at the same time. (The JDK's
 * {@code Channels.newInputStream}/{@code newOutputStream} share one lock for a socket channel, so a read waiting
 * for the agent would block the kernel from sending it the next command.)
 */
public final class ChannelStreams {

    private ChannelStreams() {}

    public static InputStream in(SocketChannel ch) {
        return new InputStream() {
            private final ByteBuffer one = ByteBuffer.allocate(1);

            @Override
            public int read() throws IOException {
                one.clear();
                int n;
                do {
                    n = ch.read(one);
                } while (n == 0);
                return n < 0 ? -1 : one.get(0) & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n;
                do {
                    n = ch.read(ByteBuffer.wrap(b, off, len));
                } while (n == 0);
                return n;
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    public static OutputStream out(SocketChannel ch) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
