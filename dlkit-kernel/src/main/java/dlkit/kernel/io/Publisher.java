package dlkit.kernel.io;

import dlkit.kernel.wire.Messages;
import dlkit.kernel.wire.Trace;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.Message;

/**
 * Sends IOPub messages under the request being executed. Between cells it keeps the last request as
 * parent, so output from a background thread after its cell ended still reaches that cell in the
 * front end instead of vanishing.
 */
public final class Publisher {

    private final JupyterSocket iopub;
    private volatile Message<?> current;
    private volatile Message<?> last;

    public Publisher(JupyterSocket iopub) {
        this.iopub = iopub;
    }

    public void begin(Message<?> request) {
        current = request;
        last = request;
    }

    public void end() {
        current = null;
    }

    /** The request being executed, or null between cells. */
    public Message<?> current() {
        return current;
    }

    public void publish(String type, Map<String, Object> content) {
        Message<?> parent = current != null ? current : last;
        publishTo(parent, type, content);
    }

    public void publishTo(Message<?> parent, String type, Map<String, Object> content) {
        synchronized (iopub) {
            Message<?> m = Messages.publish(parent, type, content);
            Trace.out("iopub", m);
            iopub.sendMessage(m);
        }
    }

    /**
     * Makes {@code request} the parent of output until {@link #leave}, without changing where output goes
     * after it (a comm callback's comm_msg must not become the parent of later background output).
     * Returns what was current before.
     */
    public Message<?> enter(Message<?> request) {
        Message<?> outer = current;
        current = request;
        return outer;
    }

    /** Ends {@link #enter}: {@code outer} is current again. */
    public void leave(Message<?> outer) {
        current = outer;
    }

    /** An IOPub message with metadata and any content Gson can write (comms send {@code JsonText}). */
    public void publish(String type, Object content, Map<String, Object> metadata) {
        Message<?> parent = current != null ? current : last;
        synchronized (iopub) {
            Message<?> m = Messages.publish(parent, type, content, metadata);
            Trace.out("iopub", m);
            iopub.sendMessage(m);
        }
    }

    public void status(Message<?> parent, String state) {
        publishTo(parent, "status", Map.of("execution_state", state));
    }
}
