package dlkit.widgets;

import java.util.List;

/** A widget with a view on the page: a {@link Layout}, CSS classes, tooltip (ipywidgets' DOMWidget). */
public abstract class DOMWidget extends Widget {

    private final Layout layout = new Layout();

    protected DOMWidget(String module, String moduleVersion, String modelName, String viewName) {
        super(module, moduleVersion, modelName, module, moduleVersion, viewName);
        define("_dom_classes", List.of());
        define("layout", layout);
        define("tabbable", null);
        define("tooltip", null);
    }

    public Layout layout() {
        return layout;
    }

    /** Sets the tooltip shown on hover; returns this. */
    public DOMWidget tooltip(String text) {
        set("tooltip", text);
        return this;
    }
}
