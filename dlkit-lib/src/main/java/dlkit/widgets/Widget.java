package dlkit.widgets;

import dlkit.display.Comm;
import dlkit.display.CommChannel;
import dlkit.display.Comms;
import dlkit.display.Renderable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Jupyter widget model (protocol 2.1, the models of ipywidgets 8): its state is a map of the keys
 * ipywidgets sends, with ipywidgets' defaults. In a notebook the first display opens a comm to the front
 * end ({@code jupyter.widget}) carrying the full state; later changes on either side are sent as
 * {@code update} messages. Outside a notebook (no {@link Comms} channel) the state is kept locally, so
 * listeners and values still work in plain programs and tests.
 */
public abstract class Widget implements Renderable {

    /** The widget message protocol spoken (ipywidgets 8.1). */
    public static final String PROTOCOL_VERSION = "2.1.0";
    /** The comm target of widget models. */
    public static final String TARGET = "jupyter.widget";
    /** The MIME type of a widget view in display_data and execute_result. */
    public static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";

    static final String BASE = "@jupyter-widgets/base";
    static final String CONTROLS = "@jupyter-widgets/controls";
    static final String OUTPUT = "@jupyter-widgets/output";
    static final String VERSION = "2.0.0";

    /** A state key's change, as listeners see it. */
    public record Change(Widget widget, String key, Object oldValue, Object newValue) {}

    private final String id = UUID.randomUUID().toString().replace("-", "");
    private final Map<String, Object> state = new TreeMap<>(); // ipywidgets sends keys sorted
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final List<Consumer<Change>> observers = new CopyOnWriteArrayList<>();
    private volatile Comm comm;
    private volatile String shownUnder = ""; // the request (cell) that last displayed this widget

    protected Widget(
            String modelModule,
            String modelModuleVersion,
            String modelName,
            String viewModule,
            String viewModuleVersion,
            String viewName) {
        define("_model_module", modelModule);
        define("_model_module_version", modelModuleVersion);
        define("_model_name", modelName);
        define("_view_module", viewModule);
        define("_view_module_version", viewModuleVersion);
        define("_view_name", viewName);
        define("_view_count", null);
    }

    /** Adds a state key with its default (constructors only). */
    protected final void define(String key, Object defaultValue) {
        state.put(key, defaultValue);
        defaults.put(key, defaultValue);
    }

    /** The model id: the comm id, and what {@code IPY_MODEL_<id>} references name. */
    public String modelId() {
        return id;
    }

    /** The value of a state key (Java form: widgets, lists of widgets, numbers, strings...). */
    public synchronized Object get(String key) {
        if (!state.containsKey(key)) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName() + " has no state key '" + key + "'; its keys are " + state.keySet());
        }
        return state.get(key);
    }

    /**
     * Sets a state key, sends the change to the front end (if open) and tells the listeners. Setting the
     * value it already has does nothing.
     */
    public void set(String key, Object value) {
        Object old;
        synchronized (this) {
            old = get(key);
            if (Objects.equals(old, value)) {
                return;
            }
            state.put(key, value);
        }
        Comm c = comm;
        if (c != null && c.isOpen()) {
            Map<String, Object> delta = new LinkedHashMap<>();
            delta.put(key, toJson(value));
            c.send(message("update", delta));
        }
        fire(new Change(this, key, old, value));
    }

    /** Calls {@code listener} on every change of any key, from Java or from the front end. */
    public void observe(Consumer<Change> listener) {
        observers.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Calls {@code listener} with the new value whenever {@code key} changes. */
    public void observe(String key, Consumer<Object> listener) {
        get(key); // fail now on a key this widget lacks
        observe(c -> {
            if (c.key().equals(key)) {
                listener.accept(c.newValue());
            }
        });
    }

    private void fire(Change change) {
        for (Consumer<Change> o : observers) {
            o.accept(change);
        }
    }

    /** The full state as JSON-ready data, widget references as {@code "IPY_MODEL_<id>"}. */
    public synchronized Map<String, Object> state() {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : state.entrySet()) {
            out.put(e.getKey(), toJson(e.getValue()));
        }
        return out;
    }

    /** The widgets this one refers to (layout, style, children), which the front end needs first. */
    protected synchronized List<Widget> references() {
        List<Widget> refs = new ArrayList<>();
        for (Object v : state.values()) {
            if (v instanceof Widget w) {
                refs.add(w);
            } else if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Widget w) {
                        refs.add(w);
                    }
                }
            }
        }
        return refs;
    }

    static Object toJson(Object value) {
        if (value instanceof Widget w) {
            return "IPY_MODEL_" + w.modelId();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(toJson(o));
            }
            return out;
        }
        return value;
    }

    // ---- the comm --------------------------------------------------------------------------------

    /** True once a comm to a front end is open. */
    public boolean isOpen() {
        Comm c = comm;
        return c != null && c.isOpen();
    }

    /**
     * Opens the comm (once), after the widgets this one refers to, as ipywidgets does. Without a kernel
     * channel this does nothing. Displaying a widget opens it.
     */
    public void open() {
        CommChannel channel = Comms.current();
        if (channel == null || comm != null) {
            return;
        }
        for (Widget ref : references()) {
            ref.open();
        }
        synchronized (this) {
            if (comm != null) {
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("state", state());
            data.put("buffer_paths", List.of());
            comm = channel.open(id, TARGET, data, Map.of("version", PROTOCOL_VERSION), new Comm.Listener() {
                @Override
                public void onMessage(Comm c, Map<String, Object> msg) {
                    receive(msg);
                }

                @Override
                public void onClose(Comm c, Map<String, Object> msg) {
                    closed();
                }
            });
        }
    }

    /** Closes the comm: the front end drops the model and its views. */
    public void close() {
        Comm c = comm;
        if (c != null && c.isOpen()) {
            c.close(Map.of());
        }
    }

    /** Called when the front end closed the comm. */
    protected void closed() {}

    /** Records the cell showing this widget (and the widgets inside it), where listener errors go. */
    private void shownIn(String requestId) {
        if (requestId.isEmpty() || requestId.equals(shownUnder)) {
            return;
        }
        shownUnder = requestId;
        for (Widget ref : references()) {
            ref.shownIn(requestId);
        }
    }

    /**
     * A message from the front end. An exception from a listener is shown under the cell that displayed the
     * widget (the user looks there), not only where the kernel's log would put it.
     */
    void receive(Map<String, Object> msg) {
        CommChannel channel = Comms.current();
        String cell = shownUnder;
        if (channel == null || cell.isEmpty()) {
            dispatch(msg);
            return;
        }
        try {
            dispatch(msg);
        } catch (RuntimeException | Error e) {
            if (e instanceof ThreadDeath) {
                throw e; // the kernel is stopping a stuck listener
            }
            channel.showError(e, cell);
        }
    }

    /** update (then echo_update), request_state or custom. */
    private void dispatch(Map<String, Object> msg) {
        Object method = msg.get("method");
        if ("update".equals(method) && msg.get("state") instanceof Map<?, ?> delta) {
            Map<String, Object> known = new LinkedHashMap<>();
            synchronized (this) {
                for (Map.Entry<?, ?> e : delta.entrySet()) {
                    if (state.containsKey(String.valueOf(e.getKey()))) {
                        known.put(String.valueOf(e.getKey()), e.getValue());
                    }
                }
            }
            Comm c = comm;
            if (c != null && !known.isEmpty()) {
                // ipywidgets 8 echoes first, so other views (and the sender's pending keys) settle.
                c.send(message("echo_update", known));
            }
            List<Change> changes = new ArrayList<>();
            synchronized (this) {
                for (Map.Entry<String, Object> e : known.entrySet()) {
                    Object old = state.get(e.getKey());
                    Object value = fromJson(e.getKey(), e.getValue(), old);
                    if (!Objects.equals(old, value)) {
                        state.put(e.getKey(), value);
                        changes.add(new Change(this, e.getKey(), old, value));
                    }
                }
            }
            for (Change change : changes) {
                fire(change);
            }
        } else if ("request_state".equals(method)) {
            Comm c = comm;
            if (c != null) {
                c.send(message("update", state()));
            }
        } else if ("custom".equals(method) && msg.get("content") instanceof Map<?, ?> content) {
            onCustom(content);
        }
    }

    /** A custom message from the front end (a button click, for example). */
    protected void onCustom(Map<?, ?> content) {}

    /**
     * A value from the front end in this widget's Java form. By default a number takes the type of the
     * key's current value (JSON has one number type); subclasses convert keys whose default is null.
     */
    protected Object fromJson(String key, Object json, Object current) {
        if (json instanceof Number n) {
            if (current instanceof Integer) {
                return n.intValue();
            }
            if (current instanceof Double) {
                return n.doubleValue();
            }
            if (current instanceof Long) {
                return n.longValue();
            }
        }
        return json;
    }

    private static Map<String, Object> message(String method, Map<String, Object> delta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("state", delta);
        m.put("buffer_paths", List.of());
        return m;
    }

    // ---- display -------------------------------------------------------------------------------

    /**
     * The view for display_data / execute_result. In a notebook this opens the widget; without a front end
     * only the text form is given.
     */
    @Override
    public Map<String, String> mimeBundle() {
        open();
        CommChannel channel = Comms.current();
        if (channel != null) {
            shownIn(channel.requestId());
        }
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", toString());
        if (isOpen()) {
            bundle.put(VIEW_MIME, "{\"model_id\": \"" + id + "\", \"version_major\": 2, \"version_minor\": 0}");
        }
        return bundle;
    }

    /** The text form: {@link #toString()}, without opening anything. */
    @Override
    public String textForm() {
        return toString();
    }

    /** The class name and the keys that differ from ipywidgets' defaults, e.g. {@code IntSlider(value=3, max=9)}. */
    @Override
    public synchronized String toString() {
        List<String> parts = new ArrayList<>();
        if (state.containsKey("value")) {
            parts.add("value=" + repr(state.get("value")));
        }
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
            String k = e.getKey();
            Object v = state.get(k);
            if (k.startsWith("_") || k.equals("value") || v instanceof Widget || Objects.equals(v, e.getValue())) {
                continue;
            }
            parts.add(k + "=" + repr(v));
        }
        return getClass().getSimpleName() + "(" + String.join(", ", parts) + ")";
    }

    private static String repr(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object o : list) {
                items.add(repr(o));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return String.valueOf(v);
    }

    /** The state keys in ipywidgets' order (sorted), for tests and tools. */
    public synchronized List<String> keys() {
        return Collections.unmodifiableList(new ArrayList<>(state.keySet()));
    }
}
