package dlkit.kernel.wire;

import java.util.function.Consumer;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A shell or control ROUTER socket served by its own thread. Unlike JJava's ShellChannel it blocks in
 * poll instead of sleeping 50 ms between polls (trivial cells answer in a few ms), and a message with a
 * bad signature or bad JSON is dropped and logged, never fatal to the loop.
 */
public final class RouterChannel extends JupyterSocket {

    private static final Logger LOG = LoggerFactory.getLogger(RouterChannel.class);

    private final String name;
    private final ZMQ.Poller poller;
    private volatile boolean running;
    private Thread thread;

    public RouterChannel(ZMQ.Context ctx, HMACGenerator hmac, String name) {
        super(ctx, SocketType.ROUTER, hmac, LoggerFactory.getLogger("dlkit." + name));
        this.name = name;
        this.poller = ctx.poller(1);
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        int port = "control".equals(name) ? props.getControlPort() : props.getShellPort();
        super.bind(formatAddress(props.getTransport(), props.getIp(), port));
        poller.register(this, ZMQ.Poller.POLLIN);
    }

    /** Starts the thread that reads messages and hands each to {@code handler}. */
    public void serve(Consumer<Message<?>> handler) {
        running = true;
        thread = new Thread(
                () -> {
                    while (running) {
                        Message<?> message = poll(200);
                        if (message != null) {
                            try {
                                handler.accept(message);
                            } catch (RuntimeException e) {
                                LOG.warn(
                                        "{}: handling {} failed",
                                        name,
                                        message.getHeader().getType(),
                                        e);
                            }
                        }
                    }
                },
                "dlkit-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits up to {@code timeoutMillis} for a valid message. Returns null on timeout or after dropping a
     * message that fails its signature check or cannot be parsed.
     */
    public Message<?> poll(long timeoutMillis) {
        try {
            if (poller.poll(timeoutMillis) <= 0) {
                return null;
            }
            Message<?> m = readMessage();
            Trace.in(name, m);
            return m;
        } catch (SecurityException e) {
            LOG.warn("{}: dropped a message with an invalid signature", name);
        } catch (RuntimeException e) {
            if (!running) {
                return null;
            }
            LOG.warn("{}: dropped an unreadable message: {}", name, e.toString());
            drainFrames();
        }
        return null;
    }

    /** After a parse failure, skip what is left of the multipart message so the next one starts clean. */
    private void drainFrames() {
        try {
            while (hasReceiveMore()) {
                recv();
            }
        } catch (RuntimeException ignored) {
            // socket closing
        }
    }

    public void stop() {
        running = false;
    }
}
