package dlkit.widgets;

/** A slider over doubles (FloatSliderModel): defaults value 0.0, min 0.0, max 100.0, step 0.1, format ".2f". */
public final class FloatSlider extends ValueWidget<Double> {

    public FloatSlider() {
        super("FloatSliderModel", "FloatSliderView", Style.slider(), Double.class);
        define("behavior", "drag-tap");
        define("continuous_update", true);
        define("max", 100.0);
        define("min", 0.0);
        define("orientation", "horizontal");
        define("readout", true);
        define("readout_format", ".2f");
        define("step", 0.1);
        define("value", 0.0);
    }

    /** A slider from {@code min} to {@code max} in steps of {@code step} at {@code value}. */
    public FloatSlider(String description, double min, double max, double step, double value) {
        this();
        if (!(min <= max) || !(step > 0)) {
            throw new IllegalArgumentException(
                    "FloatSlider: need min <= max and step > 0, got min " + min + ", max " + max + ", step " + step);
        }
        set("description", description);
        set("min", min);
        set("max", max);
        set("step", step);
        set("value", clamp(value, min, max));
    }

    public double min() {
        return (Double) get("min");
    }

    public double max() {
        return (Double) get("max");
    }

    public double step() {
        return (Double) get("step");
    }

    /** The readout's format, a Python/d3 format such as ".2f" or ".3f"; returns this. */
    public FloatSlider readoutFormat(String format) {
        set("readout_format", format);
        return this;
    }

    /** Sets the value, clamped to [min, max]; returns this. */
    @Override
    public FloatSlider value(Double value) {
        set("value", clamp(value, min(), max()));
        return this;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
