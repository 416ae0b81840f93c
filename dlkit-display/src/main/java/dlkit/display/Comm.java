package dlkit.display;

import java.util.Map;

/**
 * One Jupyter comm: a channel between an object in the kernel and one in the front end (a widget model
 * and its view, for example). Data is plain JSON-like Java: maps, lists, strings, numbers, booleans, null.
 */
public interface Comm {

    /** The comm id (for a widget: its model id). */
    String id();

    /** Sends a comm_msg to the front end. */
    void send(Map<String, Object> data);

    /** Sends comm_close; later messages for this comm are ignored. */
    void close(Map<String, Object> data);

    /** False after either side closed it. */
    boolean isOpen();

    /** What the kernel calls when the front end writes to or closes a comm. */
    interface Listener {

        /** A comm_msg from the front end. Runs on the kernel's execution thread, never beside a running cell. */
        void onMessage(Comm comm, Map<String, Object> data);

        /** The front end closed the comm. */
        default void onClose(Comm comm, Map<String, Object> data) {}
    }
}
