package dlkit.widgets;

import java.util.List;

/**
 * A widget's CSS layout ({@code LayoutModel} of {@code @jupyter-widgets/base}): every key defaults to null
 * (the browser's default). {@code slider.layout().set("width", "400px")}.
 */
public final class Layout extends Widget {

    /** The keys of ipywidgets 8's Layout. */
    public static final List<String> KEYS = List.of(
            "align_content",
            "align_items",
            "align_self",
            "border_bottom",
            "border_left",
            "border_right",
            "border_top",
            "bottom",
            "display",
            "flex",
            "flex_flow",
            "grid_area",
            "grid_auto_columns",
            "grid_auto_flow",
            "grid_auto_rows",
            "grid_column",
            "grid_gap",
            "grid_row",
            "grid_template_areas",
            "grid_template_columns",
            "grid_template_rows",
            "height",
            "justify_content",
            "justify_items",
            "left",
            "margin",
            "max_height",
            "max_width",
            "min_height",
            "min_width",
            "object_fit",
            "object_position",
            "order",
            "overflow",
            "padding",
            "right",
            "top",
            "visibility",
            "width");

    public Layout() {
        super(BASE, VERSION, "LayoutModel", BASE, VERSION, "LayoutView");
        for (String k : KEYS) {
            define(k, null);
        }
    }

    /** Sets a CSS property (ipywidgets' name, e.g. {@code "width"}, {@code "justify_content"}); returns this. */
    public Layout css(String key, String value) {
        set(key, value);
        return this;
    }
}
