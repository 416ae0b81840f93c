package dlkit.widgets;

import dlkit.display.Notebook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Controls above one {@link Output}: whenever a control changes, the function runs again and its result
 * (a chart, an image, text; nothing for null) replaces what the area showed. The old output is cleared
 * with {@code wait}, so the new one takes its place without flicker or stacking. Made by
 * {@link Widgets#interact} and {@link Widgets#interactive}.
 */
public final class Interactive extends VBox {

    private final List<ValueWidget<?>> controls;
    private final Output output;
    private final Callable<Object> call;
    private volatile Object result;
    private volatile boolean ran;

    Interactive(List<? extends ValueWidget<?>> controls, Callable<Object> call) {
        this(List.copyOf(controls), new Output(), call);
    }

    private Interactive(List<ValueWidget<?>> controls, Output output, Callable<Object> call) {
        super(concat(controls, output));
        this.controls = controls;
        this.output = output;
        this.call = call;
        for (ValueWidget<?> c : controls) {
            c.onChange(v -> update());
        }
        set("_dom_classes", List.of("widget-interact"));
    }

    private static List<Widget> concat(List<ValueWidget<?>> controls, Output output) {
        List<Widget> all = new ArrayList<>(controls);
        all.add(output);
        return all;
    }

    /**
     * Displaying opens the models, then runs the function the first time (if nothing ran it yet), so its
     * output already lands in the area.
     */
    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = super.mimeBundle();
        if (!ran) {
            update();
        }
        return bundle;
    }

    /** Outside a notebook (the console): the text form, after the first run printed its result. */
    @Override
    public String textForm() {
        if (!ran) {
            update();
        }
        return super.textForm();
    }

    /** The controls' text forms, e.g. {@code Interactive(IntSlider(value=3, description='size'))}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        controls.forEach(c -> parts.add(c.toString()));
        return "Interactive(" + String.join(", ", parts) + ")";
    }

    /** Runs the function with the controls' current values; its output replaces the area's. */
    public void update() {
        ran = true;
        output.capture(() -> {
            Notebook.clearOutput(true);
            result = null;
            result = call.call();
            if (result != null) {
                Notebook.display(result);
            }
        });
    }

    public List<ValueWidget<?>> controls() {
        return controls;
    }

    public Output output() {
        return output;
    }

    /** What the function returned last (null before the first run or after an exception). */
    public Object result() {
        return result;
    }
}
