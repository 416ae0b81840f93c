package dlkit.kernel;

import dlkit.display.Comms;
import dlkit.display.Notebook;
import dlkit.kernel.comm.CommManager;
import dlkit.kernel.exec.InProcessControl;
import dlkit.kernel.exec.JavaRepl;
import dlkit.kernel.history.History;
import dlkit.kernel.io.KernelInput;
import dlkit.kernel.io.KernelStreams;
import dlkit.kernel.io.Publisher;
import dlkit.kernel.magic.Magics;
import dlkit.kernel.magic.MavenMagic;
import dlkit.kernel.magic.MavenResolver;
import dlkit.kernel.render.KernelDisplay;
import dlkit.kernel.render.MimeRenderer;
import dlkit.kernel.wire.Messages;
import dlkit.kernel.wire.RouterChannel;
import dlkit.kernel.wire.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

/**
 * The DLKit kernel: answers the Jupyter shell and control requests. Execution goes through
 * {@link CellRunner} (magics + JShell); rendering through {@link MimeRenderer}. Protocol 5.3.
 */
public final class JavaKernel {

    static final String VERSION = "0.1.0";

    private final Publisher publisher;
    private final KernelStreams streams;
    private final KernelInput input;
    private final CompletableFuture<JavaRepl> repl;
    private final MimeRenderer renderer;
    private final History history = new History();
    private final AtomicInteger executionCount = new AtomicInteger();
    private final Magics magics;
    private final KernelDisplay display;
    private final CommManager comms;
    private final Extensions extensions;
    private final CompletableFuture<List<String>> notices;
    private boolean noticeShown;
    private volatile CellRunner runner;
    private RouterChannel shell;

    JavaKernel(
            Publisher publisher,
            KernelStreams streams,
            KernelInput input,
            CompletableFuture<JavaRepl> repl,
            Extensions extensions,
            CompletableFuture<List<String>> notices) {
        this.publisher = publisher;
        this.streams = streams;
        this.input = input;
        this.repl = repl;
        this.extensions = extensions;
        this.notices = notices;
        this.renderer = MimeRenderer.standard(extensions.renderers());
        this.magics = Magics.standard(new MavenMagic(new MavenResolver()));
        this.display = new KernelDisplay(publisher, streams, renderer);
        Notebook.install(display);
        this.comms = new CommManager(publisher, this::onExecutionThread, streams::flush, this::errorContent);
        Comms.install(comms);
    }

    void attach(RouterChannel shellChannel) {
        this.shell = shellChannel;
    }

    private CellRunner runner() {
        if (runner == null) {
            runner = new CellRunner(
                    ReplUnavailable.join(repl),
                    magics,
                    display,
                    new ClasspathGuard(System.getProperty("java.class.path")));
        }
        return runner;
    }

    /** Dispatches one shell or control message; status busy/idle around each, as ipykernel does. */
    void handle(Message<?> msg, boolean control) {
        String type = msg.getHeader().getType().getName();
        RouterChannel socket = control ? controlChannel : shell;
        publisher.status(msg, "busy");
        try {
            dispatch(type, msg, socket);
        } catch (ReplUnavailable e) {
            if (type.endsWith("_request")) {
                replyOn(socket, msg, type.replace("_request", "_reply"), errorReply(e.report()));
            }
        } finally {
            publisher.status(msg, "idle");
        }
    }

    private void dispatch(String type, Message<?> msg, RouterChannel socket) {
        switch (type) {
            case "execute_request" -> execute(msg);
            case "kernel_info_request" -> replyOn(socket, msg, "kernel_info_reply", kernelInfo());
            case "complete_request" ->
                replyOn(
                        socket,
                        msg,
                        "complete_reply",
                        new Completion(ReplUnavailable.join(repl), magics).complete(msg));
            case "inspect_request" ->
                replyOn(socket, msg, "inspect_reply", new Completion(ReplUnavailable.join(repl), magics).inspect(msg));
            case "is_complete_request" -> replyOn(socket, msg, "is_complete_reply", isComplete(msg));
            case "history_request" -> replyOn(socket, msg, "history_reply", history(msg));
            case "comm_info_request" -> replyOn(socket, msg, "comm_info_reply", comms.info(msg));
            case "comm_open" -> comms.handleOpen(msg);
            case "comm_msg" -> comms.handleMessage(msg);
            case "comm_close" -> comms.handleClose(msg);
            case "interrupt_request" -> interrupt(socket, msg);
            case "shutdown_request" -> shutdown(socket, msg);
            default -> {
                // nothing to answer
            }
        }
    }

    private static Map<String, Object> errorReply(ErrorReport r) {
        Map<String, Object> err = r.content();
        err.put("status", "error");
        return err;
    }

    private void reply(Message<?> request, String type, Map<String, Object> content) {
        replyOn(shell, request, type, content);
    }

    private void replyOn(RouterChannel socket, Message<?> request, String type, Map<String, Object> content) {
        synchronized (socket) {
            Message<?> reply = Messages.reply(request, type, content);
            Trace.out(socket == controlChannel ? "control" : "shell", reply);
            socket.sendMessage(reply);
        }
    }

    private RouterChannel controlChannel;

    void attachControl(RouterChannel control) {
        this.controlChannel = control;
    }

    // ---- execute -------------------------------------------------------------------------------

    private void execute(Message<?> msg) {
        ExecuteRequest req = (ExecuteRequest) msg.getContent();
        boolean silent = req.isSilent();
        boolean store = req.shouldStoreHistory() && !silent;
        int count = store ? executionCount.incrementAndGet() : executionCount.get();
        if (store) {
            history.add(count, req.getCode());
        }
        if (!silent) {
            publisher.publishTo(msg, "execute_input", Map.of("code", req.getCode(), "execution_count", count));
        }
        publisher.begin(msg);
        input.allow(req.isStdinEnabled());
        showNoticesOnce();
        Map<String, Object> content = new LinkedHashMap<>();
        ErrorReport error = null;
        List<Map<String, Object>> payload = List.of();
        try {
            // `Math.max?` pages the Javadoc (as `obj?` does in IPython) instead of running anything.
            String helpTarget = Completion.helpTarget(req.getCode());
            if (helpTarget != null) {
                payload = List.of(new Completion(ReplUnavailable.join(repl), magics).page(helpTarget));
            }
            Object value = helpTarget != null ? JavaRepl.NO_VALUE : runner().run(req.getCode(), count);
            if (!silent && value != JavaRepl.NO_VALUE && value != null) {
                Object shown = value == InProcessControl.NULL ? null : value;
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("execution_count", count);
                Map<String, Object> data = renderer.render(shown);
                result.put("data", data);
                if (store) {
                    history.setOutput(count, String.valueOf(data.get("text/plain")));
                }
                result.put("metadata", MimeRenderer.metadata(data));
                streams.flush();
                publisher.publish("execute_result", result);
            }
        } catch (ReplUnavailable e) {
            error = e.report();
        } catch (Throwable t) {
            error = runner().describe(t);
        } finally {
            streams.endCell();
        }
        if (error != null) {
            Map<String, Object> err = error.content();
            publisher.publish("error", err);
            content.put("status", "error");
            content.putAll(err);
        } else {
            content.put("status", "ok");
            content.put("user_expressions", userExpressions(req.getUserExpr()));
            content.put("payload", payload);
        }
        content.put("execution_count", count);
        publisher.end();
        input.allow(false);
        reply(msg, "execute_reply", content);
        if (error != null && req.shouldStopOnError()) {
            abortQueued();
        }
    }

    /**
     * The extensions' notices (for DLKit's library: that a GPU is present but not used), printed once, by the
     * first cell, before its own output.
     */
    private void showNoticesOnce() {
        if (noticeShown) {
            return;
        }
        noticeShown = true;
        for (String line : notices.join()) {
            System.out.println(line);
        }
    }

    private Map<String, Object> userExpressions(Map<String, String> expressions) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (expressions == null) {
            return out;
        }
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            Map<String, Object> v = new LinkedHashMap<>();
            try {
                Object value = runner().evalQuiet(e.getValue());
                v.put("status", "ok");
                v.put(
                        "data",
                        renderer.render(value == InProcessControl.NULL || value == JavaRepl.NO_VALUE ? null : value));
                v.put("metadata", Map.of());
            } catch (Throwable t) {
                v.put("status", "error");
                v.putAll(runner().describe(t).content());
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** After a failed cell with stop_on_error, answer the execute requests already queued as aborted. */
    private void abortQueued() {
        Message<?> next;
        while ((next = shell.poll(0)) != null) {
            if ("execute_request".equals(next.getHeader().getType().getName())) {
                publisher.status(next, "busy");
                reply(next, "execute_reply", Map.of("status", "aborted", "execution_count", executionCount.get()));
                publisher.status(next, "idle");
            } else {
                handle(next, false);
            }
        }
    }

    // ---- comm callbacks ------------------------------------------------------------------------

    /** Runs a comm listener where cells run; the shell thread waits, so it never overlaps a cell. */
    private void onExecutionThread(Runnable task) throws Exception {
        JavaRepl r = ReplUnavailable.join(repl);
        r.beginCell(); // an interrupt of an earlier cell must not cancel this callback
        r.thread()
                .run(
                        () -> {
                            task.run();
                            return null;
                        },
                        JavaKernel.class.getClassLoader());
    }

    /** An exception from a callback, shown as a failed cell's is. */
    private Map<String, Object> errorContent(Throwable t) {
        return runner().describe(t).content();
    }

    // ---- other requests ------------------------------------------------------------------------

    private Map<String, Object> kernelInfo() {
        Map<String, Object> lang = new LinkedHashMap<>();
        lang.put("name", "java");
        lang.put("version", Runtime.version().toString());
        lang.put("mimetype", "text/x-java-source");
        lang.put("file_extension", ".jshell");
        lang.put("pygments_lexer", "java");
        lang.put("codemirror_mode", "text/x-java");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("status", "ok");
        info.put("protocol_version", "5.3");
        info.put("implementation", "dlkit");
        info.put("implementation_version", VERSION);
        info.put("language_info", lang);
        info.put("banner", Banner.text(extensions.bannerLines()));
        List<Map<String, String>> links = new ArrayList<>();
        links.add(Map.of("text", "DLKit README", "url", "https://github.com/dlkit/dlkit#readme"));
        extensions.helpLinks().forEach((text, url) -> links.add(Map.of("text", text, "url", url)));
        info.put("help_links", links);
        return info;
    }

    private Map<String, Object> isComplete(Message<?> msg) {
        String code = ((org.dflib.jjava.jupyter.messages.request.IsCompleteRequest) msg.getContent()).getCode();
        String status;
        if (code.stripLeading().startsWith("%")) {
            status = code.stripLeading().startsWith("%%") && !code.endsWith("\n\n") ? "incomplete" : "complete";
            if (!code.stripLeading().startsWith("%%")) {
                status = "complete";
            }
        } else {
            status = ReplUnavailable.join(repl).isComplete(code);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", status);
        if (status.equals("incomplete")) {
            String lastLine = code.substring(code.lastIndexOf('\n') + 1);
            String indent = lastLine.substring(
                    0, lastLine.length() - lastLine.stripLeading().length());
            r.put(
                    "indent",
                    lastLine.stripTrailing().endsWith("{")
                                    || lastLine.stripTrailing().endsWith("(")
                            ? indent + "    "
                            : indent);
        }
        return r;
    }

    private Map<String, Object> history(Message<?> msg) {
        HistoryRequest req = (HistoryRequest) msg.getContent();
        List<History.Entry> entries;
        if (req instanceof HistoryRequest.Tail t) {
            entries = history.tail(t.getMaxReturnLength());
        } else if (req instanceof HistoryRequest.Range r) {
            entries = history.range(r.getSessionIndex(), r.getStart(), r.getStop());
        } else if (req instanceof HistoryRequest.Search s) {
            entries = history.search(s.getPattern(), s.getMaxReturnLength(), s.filterUnique());
        } else {
            entries = List.of();
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", "ok");
        r.put(
                "history",
                entries.stream().map(e -> e.toWire(req.includeOutput())).toList());
        return r;
    }

    private void interrupt(RouterChannel socket, Message<?> msg) {
        if (ReplUnavailable.ready(repl)) {
            repl.join().interrupt(500);
        }
        replyOn(socket, msg, "interrupt_reply", Map.of("status", "ok"));
    }

    private void shutdown(RouterChannel socket, Message<?> msg) {
        boolean restart = ((ShutdownRequest) msg.getContent()).isRestart();
        replyOn(socket, msg, "shutdown_reply", Map.of("status", "ok", "restart", restart));
        publisher.status(msg, "idle");
        Thread t = new Thread(
                () -> {
                    try {
                        Thread.sleep(200); // let the reply leave the socket
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                    Runtime.getRuntime().halt(0);
                },
                "dlkit-shutdown");
        t.start();
    }
}
