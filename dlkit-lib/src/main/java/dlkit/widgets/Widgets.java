package dlkit.widgets;

import dlkit.display.Notebook;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Short names for notebooks ({@code import static dlkit.widgets.Widgets.*}, done for you in DLKit):
 * controls with a label and a range, boxes, and {@link #interact}, which re-runs a function whenever a
 * control moves:
 *
 * <pre>{@code
 * interact(size -> Show.image(blur(img, size), size + "x" + size), intSlider("size", 1, 9, 3));
 * }</pre>
 *
 * <p>The function returns what to show (null shows nothing; printing works too). In JShell a top-level
 * method is passed as a lambda ({@code size -> showFilter(size)}): {@code this::showFilter} does not
 * compile there, as JShell's methods are static.
 */
public final class Widgets {

    /** A function of three controls' values. */
    @FunctionalInterface
    public interface Function3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    private Widgets() {}

    public static IntSlider intSlider(String description, int min, int max, int value) {
        return new IntSlider(description, min, max, value);
    }

    public static FloatSlider floatSlider(String description, double min, double max, double step, double value) {
        return new FloatSlider(description, min, max, step, value);
    }

    public static Dropdown dropdown(String description, String... options) {
        if (options.length == 0) {
            throw new IllegalArgumentException("dropdown(\"" + description + "\"): give at least one option");
        }
        return new Dropdown(description, List.of(options));
    }

    public static Checkbox checkbox(String description, boolean value) {
        return new Checkbox(description, value);
    }

    public static Text textField(String description, String value) {
        return new Text(description, value);
    }

    public static Button button(String description) {
        return new Button(description);
    }

    public static HBox hbox(Widget... children) {
        return new HBox(children);
    }

    public static VBox vbox(Widget... children) {
        return new VBox(children);
    }

    /**
     * Displays the control with {@code f(control)} under it, shown again whenever the control moves.
     * Returns nothing, so a cell ending with it shows the widget once.
     */
    public static <A> void interact(Function<A, ?> f, ValueWidget<A> a) {
        show(interactive(f, a));
    }

    /** Shows {@code f(a, b)} under the two controls, again whenever one moves. */
    public static <A, B> void interact(BiFunction<A, B, ?> f, ValueWidget<A> a, ValueWidget<B> b) {
        show(interactive(f, a, b));
    }

    /** Shows {@code f(a, b, c)} under the three controls, again whenever one moves. */
    public static <A, B, C> void interact(
            Function3<A, B, C, ?> f, ValueWidget<A> a, ValueWidget<B> b, ValueWidget<C> c) {
        show(interactive(f, a, b, c));
    }

    /**
     * As {@link #interact(Function, ValueWidget)}, but returned, not displayed: display it (or make it a
     * cell's last value) and the function runs for the first time.
     */
    public static <A> Interactive interactive(Function<A, ?> f, ValueWidget<A> a) {
        Objects.requireNonNull(f, "f");
        return new Interactive(List.of(a), () -> f.apply(a.value()));
    }

    public static <A, B> Interactive interactive(BiFunction<A, B, ?> f, ValueWidget<A> a, ValueWidget<B> b) {
        Objects.requireNonNull(f, "f");
        return new Interactive(List.of(a, b), () -> f.apply(a.value(), b.value()));
    }

    public static <A, B, C> Interactive interactive(
            Function3<A, B, C, ?> f, ValueWidget<A> a, ValueWidget<B> b, ValueWidget<C> c) {
        Objects.requireNonNull(f, "f");
        return new Interactive(List.of(a, b, c), () -> f.apply(a.value(), b.value(), c.value()));
    }

    /** Displaying runs the function the first time (see {@link Interactive#mimeBundle}). */
    private static void show(Interactive ui) {
        Notebook.display(ui);
    }
}
