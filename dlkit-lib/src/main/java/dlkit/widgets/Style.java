package dlkit.widgets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A control's style model (the {@code *StyleModel}s of {@code @jupyter-widgets/controls}, viewed by
 * {@code StyleView} of base): each control kind has its own, as in ipywidgets 8.
 */
public final class Style extends Widget {

    private Style(String modelName, Map<String, Object> keys) {
        super(CONTROLS, VERSION, modelName, BASE, VERSION, "StyleView");
        keys.forEach(this::define);
    }

    private static Map<String, Object> keys(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** SliderStyleModel: sliders. */
    public static Style slider() {
        return new Style("SliderStyleModel", keys("description_width", "", "handle_color", null));
    }

    /** DescriptionStyleModel: Dropdown and other described controls. */
    public static Style description() {
        return new Style("DescriptionStyleModel", keys("description_width", ""));
    }

    /** CheckboxStyleModel. */
    public static Style checkbox() {
        return new Style("CheckboxStyleModel", keys("background", null, "description_width", ""));
    }

    /** ButtonStyleModel. */
    public static Style button() {
        return new Style(
                "ButtonStyleModel",
                keys(
                        "button_color",
                        null,
                        "font_family",
                        null,
                        "font_size",
                        null,
                        "font_style",
                        null,
                        "font_variant",
                        null,
                        "font_weight",
                        null,
                        "text_color",
                        null,
                        "text_decoration",
                        null));
    }

    /** TextStyleModel. */
    public static Style text() {
        return new Style(
                "TextStyleModel",
                keys("background", null, "description_width", "", "font_size", null, "text_color", null));
    }

    /** Sets a style property, e.g. {@code style.css("description_width", "initial")}; returns this. */
    public Style css(String key, Object value) {
        set(key, value);
        return this;
    }
}
