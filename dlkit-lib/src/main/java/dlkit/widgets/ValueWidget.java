package dlkit.widgets;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A control with a description, a style and a value that the user changes in the front end (sliders,
 * checkbox, text, dropdown). {@link #onChange} listeners run on the kernel's execution thread after the
 * running cell, never beside it.
 *
 * @param <T> the value's Java type
 */
public abstract class ValueWidget<T> extends DOMWidget {

    private final Style style;
    private final Class<T> type;

    protected ValueWidget(String modelName, String viewName, Style style, Class<T> type) {
        super(CONTROLS, VERSION, modelName, viewName);
        this.style = style;
        this.type = type;
        define("description", "");
        define("description_allow_html", false);
        define("disabled", false);
        define("style", style);
    }

    public Style style() {
        return style;
    }

    /** The current value. */
    public T value() {
        return type.cast(get(valueKey()));
    }

    /** Sets the value (the front end follows); returns this. */
    public ValueWidget<T> value(T value) {
        set(valueKey(), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The label shown next to the control; returns this. */
    public ValueWidget<T> description(String description) {
        set("description", description);
        return this;
    }

    public String description() {
        return (String) get("description");
    }

    /** Greys the control out; returns this. */
    public ValueWidget<T> disabled(boolean disabled) {
        set("disabled", disabled);
        return this;
    }

    /** Calls {@code listener} with the new value whenever the value changes (from the front end or Java). */
    public ValueWidget<T> onChange(Consumer<T> listener) {
        Objects.requireNonNull(listener, "listener");
        observe(c -> {
            if (c.key().equals(valueKey())) {
                listener.accept(value());
            }
        });
        return this;
    }

    /** The state key the value lives in ({@code "value"}; Dropdown keeps {@code "index"}). */
    protected String valueKey() {
        return "value";
    }
}
