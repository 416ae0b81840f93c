package dlkit.kernel.comm;

import dlkit.display.Comm;
import dlkit.display.CommChannel;
import dlkit.kernel.io.Publisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;
import org.slf4j.LoggerFactory;

/**
 * The kernel side of Jupyter comms (comm_open, comm_msg, comm_close, comm_info), independent of widgets.
 * Comms are opened by the library through {@link CommChannel}; front-end messages arrive on the shell
 * thread, one at a time, so a listener never runs beside a cell: it waits until the running cell is
 * done, then runs on the execution thread (where ND4J's per-thread state lives and interrupts reach it)
 * with its comm_msg as the parent of everything it outputs.
 */
public final class CommManager implements CommChannel {

    /** Set once a widget manager announced itself (see {@link CommChannel#rendersWidgets}). */
    private volatile boolean widgetFrontEnd;

    /** Runs a task on the kernel's execution thread and waits for it; exceptions propagate. */
    public interface CallbackRunner {
        void run(Runnable task) throws Exception;
    }

    private final Publisher publisher;
    private final CallbackRunner callbacks;
    private final Runnable flushStreams;
    private final Function<Throwable, Map<String, Object>> errorContent;
    private final Map<String, KernelComm> comms = new ConcurrentHashMap<>();
    /** Requests whose id the library took (cells that displayed widgets), the last 256. */
    private final Map<String, Message<?>> recentRequests = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Message<?>> eldest) {
            return size() > 256;
        }
    };

    /**
     * @param errorContent ename, evalue and traceback for an exception (as the kernel shows a failed cell)
     * @param flushStreams sends buffered stdout/stderr, so a callback's prints keep its parent
     */
    public CommManager(
            Publisher publisher,
            CallbackRunner callbacks,
            Runnable flushStreams,
            Function<Throwable, Map<String, Object>> errorContent) {
        this.publisher = publisher;
        this.callbacks = callbacks;
        this.flushStreams = flushStreams;
        this.errorContent = errorContent;
    }

    // ---- CommChannel (the library's side) ----------------------------------------------------

    @Override
    public Comm open(
            String id,
            String targetName,
            Map<String, Object> data,
            Map<String, Object> metadata,
            Comm.Listener listener) {
        KernelComm comm = new KernelComm(this, id, targetName, listener);
        comms.put(id, comm);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("comm_id", id);
        content.put("target_name", targetName);
        content.put("data", data == null ? Map.of() : data);
        publish("comm_open", content, metadata);
        return comm;
    }

    @Override
    public boolean rendersWidgets() {
        return widgetFrontEnd;
    }

    @Override
    public String requestId() {
        Message<?> request = publisher.current();
        if (request == null) {
            return "";
        }
        String id = request.getHeader().getId();
        synchronized (recentRequests) {
            recentRequests.put(id, request);
        }
        return id;
    }

    @Override
    public void showError(Throwable error) {
        flushStreams.run();
        publisher.publish("error", errorContent.apply(error));
    }

    @Override
    public void showError(Throwable error, String requestId) {
        Message<?> request;
        synchronized (recentRequests) {
            request = recentRequests.get(requestId);
        }
        if (request == null) {
            showError(error);
            return;
        }
        flushStreams.run();
        // JupyterLab keeps a cell's execute future until the cell runs again, so this lands in that cell.
        publisher.publishTo(request, "error", errorContent.apply(error));
    }

    // ---- front-end messages (the shell thread) -------------------------------------------------

    /**
     * comm_open from the front end. No kernel-side target takes such comms yet (widgets are opened from the
     * kernel), so it is closed at once, as ipykernel does for an unknown target: the widget manager's
     * {@code jupyter.widget.control} then falls back to comm_info at once instead of after its 4 s timeout.
     */
    public void handleOpen(Message<?> msg) {
        CommOpenCommand open = (CommOpenCommand) msg.getContent();
        if ("jupyter.widget.control".equals(open.getTargetName())) {
            widgetFrontEnd = true;
        }
        publisher.publishTo(msg, "comm_close", Map.of("comm_id", open.getCommID(), "data", Map.of()));
    }

    /** comm_msg from the front end: the comm's listener runs, its outputs parented on this message. */
    public void handleMessage(Message<?> msg) {
        CommMsgCommand cm = (CommMsgCommand) msg.getContent();
        KernelComm comm = comms.get(cm.getCommID());
        if (comm == null || comm.listener() == null) {
            return; // a comm of a kernel before a restart, or closed: nothing listens
        }
        Map<String, Object> data = JsonText.toMap(cm.getData());
        runCallback(msg, () -> comm.listener().onMessage(comm, data));
    }

    /** comm_close from the front end. */
    public void handleClose(Message<?> msg) {
        CommCloseCommand cc = (CommCloseCommand) msg.getContent();
        KernelComm comm = comms.remove(cc.getCommID());
        if (comm == null) {
            return;
        }
        comm.closedByFrontEnd();
        if (comm.listener() != null) {
            Map<String, Object> data = JsonText.toMap(cc.getData());
            runCallback(msg, () -> comm.listener().onClose(comm, data));
        }
    }

    /** The comm_info_reply content: the open comms, only those of the requested target if one is named. */
    public Map<String, Object> info(Message<?> msg) {
        String target = msg.getContent() instanceof CommInfoRequest r ? r.getTargetName() : null;
        if ("jupyter.widget".equals(target)) {
            widgetFrontEnd = true; // a widget manager restoring its widgets
        }
        Map<String, Object> list = new LinkedHashMap<>();
        for (KernelComm c : comms.values()) {
            if (c.isOpen() && (target == null || target.isEmpty() || target.equals(c.targetName()))) {
                list.put(c.id(), Map.of("target_name", c.targetName()));
            }
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "ok");
        content.put("comms", list);
        return content;
    }

    private void runCallback(Message<?> request, Runnable task) {
        Message<?> outer = publisher.enter(request);
        try {
            try {
                callbacks.run(task);
            } catch (Throwable t) {
                showError(t);
                LoggerFactory.getLogger(CommManager.class).debug("comm callback failed", t);
            }
            flushStreams.run();
        } finally {
            publisher.leave(outer);
        }
    }

    // ---- used by KernelComm --------------------------------------------------------------------

    void send(KernelComm comm, Map<String, Object> data) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("comm_id", comm.id());
        content.put("data", data == null ? Map.of() : data);
        publish("comm_msg", content, null);
    }

    void close(KernelComm comm, Map<String, Object> data) {
        comms.remove(comm.id());
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("comm_id", comm.id());
        content.put("data", data == null ? Map.of() : data);
        publish("comm_close", content, null);
    }

    private void publish(String type, Map<String, Object> content, Map<String, Object> metadata) {
        // Printed text first, so a widget update never overtakes output printed before it.
        flushStreams.run();
        publisher.publish(type, JsonText.of(content), metadata == null ? Map.of() : metadata);
    }
}
