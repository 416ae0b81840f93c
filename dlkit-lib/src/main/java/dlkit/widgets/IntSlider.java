package dlkit.widgets;

/** A slider over integers (IntSliderModel): ipywidgets' defaults are value 0, min 0, max 100, step 1. */
public final class IntSlider extends ValueWidget<Integer> {

    public IntSlider() {
        super("IntSliderModel", "IntSliderView", Style.slider(), Integer.class);
        define("behavior", "drag-tap");
        define("continuous_update", true);
        define("max", 100);
        define("min", 0);
        define("orientation", "horizontal");
        define("readout", true);
        define("readout_format", "d");
        define("step", 1);
        define("value", 0);
    }

    /** A slider from {@code min} to {@code max} (step 1) at {@code value}, labelled {@code description}. */
    public IntSlider(String description, int min, int max, int value) {
        this();
        if (min > max) {
            throw new IllegalArgumentException("IntSlider: min " + min + " > max " + max + "; swap them");
        }
        set("description", description);
        set("min", min);
        set("max", max);
        set("value", clamp(value, min, max));
    }

    public int min() {
        return (Integer) get("min");
    }

    public int max() {
        return (Integer) get("max");
    }

    public int step() {
        return (Integer) get("step");
    }

    /** Sets the step; returns this. */
    public IntSlider step(int step) {
        if (step <= 0) {
            throw new IllegalArgumentException("IntSlider: step must be > 0, got " + step);
        }
        set("step", step);
        return this;
    }

    /** Sets the value, clamped to [min, max] as ipywidgets does; returns this. */
    @Override
    public IntSlider value(Integer value) {
        set("value", clamp(value, min(), max()));
        return this;
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
