package dlkit.widgets;

import dlkit.display.CommChannel;
import dlkit.display.Comms;
import dlkit.display.Notebook;
import java.util.List;

/**
 * An output area (OutputModel of {@code @jupyter-widgets/output} 1.0.0) that shows what code run under
 * {@link #capture} prints and displays. It works as ipywidgets' {@code with out:} does: the model's
 * {@code msg_id} is set to the request being handled (the running cell's execute_request, or the comm_msg
 * of a slider callback); the front end then moves every output of that request into this area and
 * sends back {@code outputs}. An exception in the captured code is shown in the area too. Without a front end
 * that renders widgets (nbclient), nothing is captured: outputs stay in the cell.
 */
public final class Output extends DOMWidget {

    /** Code to run under {@link #capture}; may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    public Output() {
        super(OUTPUT, "1.0.0", "OutputModel", "OutputView");
        define("msg_id", "");
        define("outputs", List.of());
    }

    /**
     * Runs {@code body} with its prints, displays, clears and errors going to this area. Without a front
     * end (plain Java, or before this widget is displayed) they go where they would have gone anyway.
     * An exception is shown (in the area) rather than thrown, as ipywidgets' Output does.
     */
    public void capture(Body body) {
        CommChannel channel = Comms.current();
        String request = channel == null ? "" : channel.requestId();
        boolean capturing = capturing(channel);
        if (capturing) {
            set("msg_id", request);
        }
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            if (channel == null) {
                throw e;
            }
            channel.showError(e);
        } catch (Exception e) {
            if (channel == null) {
                throw new IllegalStateException(e);
            }
            channel.showError(e);
        } finally {
            if (capturing) {
                System.out.flush();
                System.err.flush();
                set("msg_id", "");
            }
        }
    }

    /**
     * Whether outputs go to this area: it is displayed, a request is running, and the front end renders widgets.
     * Headless (nbclient), outputs stay in the cell, as a front end without widgets would show them.
     */
    private boolean capturing(CommChannel channel) {
        return channel != null && isOpen() && !channel.requestId().isEmpty() && channel.rendersWidgets();
    }

    /** Clears the area now (with {@code wait}, when the next output arrives: no flicker). */
    public void clear(boolean wait) {
        if (capturing(Comms.current())) {
            capture(() -> Notebook.clearOutput(wait));
        }
    }

    /** The outputs the front end reported (nbformat output dicts); empty without a front end. */
    @SuppressWarnings("unchecked")
    public List<Object> outputs() {
        return (List<Object>) get("outputs");
    }
}
