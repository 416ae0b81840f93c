package dlkit.display;

import java.util.Map;

/**
 * The kernel side of Jupyter comms, as the library sees it. The Jupyter kernel installs one through
 * {@link Comms#install}; in plain programs and unit tests there is none, and widgets keep their state
 * locally without a front end.
 */
public interface CommChannel {

    /**
     * Opens a comm to the front end (comm_open on IOPub) with {@code data} and message {@code metadata}.
     * Messages the front end sends to it go to {@code listener}.
     */
    Comm open(
            String id,
            String targetName,
            Map<String, Object> data,
            Map<String, Object> metadata,
            Comm.Listener listener);

    /**
     * The msg_id of the request being handled: the execute_request of the running cell, or the comm_msg
     * whose listener is running; "" when there is none. Output widgets capture by this id.
     */
    String requestId();

    /**
     * Whether the front end renders widgets (a widget manager announced itself: comm_info for
     * {@code jupyter.widget}, or the {@code jupyter.widget.control} comm). Headless clients (nbclient, so
     * nbconvert, ./dlkit run, grading) do not; an Output widget then leaves outputs in the cell instead of
     * capturing them, since nbclient's stand-in for a captured Output area can stall its run (nbclient #312).
     */
    default boolean rendersWidgets() {
        return true;
    }

    /** Shows an exception as an error output of the current request (a callback's, or the cell's). */
    void showError(Throwable error);

    /**
     * Shows an exception as an error output of an earlier request, given by its {@link #requestId()}: the cell
     * that displayed a widget, so that an exception in the widget's listener appears under it. Falls back to
     * {@link #showError(Throwable)} for an id the kernel no longer knows.
     */
    void showError(Throwable error, String requestId);
}
