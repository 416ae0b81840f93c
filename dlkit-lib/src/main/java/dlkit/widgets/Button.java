package dlkit.widgets;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A push button (ButtonModel). A click in the front end arrives as the custom message
 * {@code {"event": "click"}}; {@link #onClick} listeners then run on the kernel's execution thread.
 */
public final class Button extends DOMWidget {

    private final Style style = Style.button();
    private final List<Consumer<Button>> clickListeners = new CopyOnWriteArrayList<>();

    public Button() {
        super(CONTROLS, VERSION, "ButtonModel", "ButtonView");
        define("button_style", "");
        define("description", "");
        define("disabled", false);
        define("icon", "");
        define("style", style);
    }

    public Button(String description) {
        this();
        set("description", description);
    }

    public Style style() {
        return style;
    }

    public String description() {
        return (String) get("description");
    }

    /** One of "", "primary", "success", "info", "warning", "danger"; returns this. */
    public Button buttonStyle(String buttonStyle) {
        List<String> ok = List.of("", "primary", "success", "info", "warning", "danger");
        if (!ok.contains(buttonStyle)) {
            throw new IllegalArgumentException("Button: button_style '" + buttonStyle + "' is not one of " + ok);
        }
        set("button_style", buttonStyle);
        return this;
    }

    /** Calls {@code listener} with this button on every click. */
    public Button onClick(Consumer<Button> listener) {
        clickListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Runs {@code action} on every click. */
    public Button onClick(Runnable action) {
        Objects.requireNonNull(action, "action");
        return onClick(b -> action.run());
    }

    /** Clicks the button from Java: the listeners run here, as for a click in the front end. */
    public void click() {
        for (Consumer<Button> l : clickListeners) {
            l.accept(this);
        }
    }

    @Override
    protected void onCustom(Map<?, ?> content) {
        if ("click".equals(content.get("event"))) {
            click();
        }
    }
}
