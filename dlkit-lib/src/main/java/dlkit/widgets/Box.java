package dlkit.widgets;

import java.util.List;

/** A container laying out its children (ipywidgets' Box): {@link HBox} in a row, {@link VBox} in a column. */
public abstract class Box extends DOMWidget {

    protected Box(String modelName, String viewName, List<? extends Widget> children) {
        super(CONTROLS, VERSION, modelName, viewName);
        define("box_style", "");
        define("children", List.of());
        set("children", List.copyOf(children));
    }

    @SuppressWarnings("unchecked")
    public List<Widget> children() {
        return (List<Widget>) get("children");
    }

    /** Replaces the children (each is opened before the box tells the front end); returns this. */
    public Box children(List<? extends Widget> children) {
        List<Widget> copy = List.copyOf(children);
        if (isOpen()) {
            copy.forEach(Widget::open);
        }
        set("children", copy);
        return this;
    }

    @Override
    protected Object fromJson(String key, Object json, Object current) {
        // The front end may echo children as IPY_MODEL_ strings; the Java widgets stay as they are.
        return key.equals("children") ? current : super.fromJson(key, json, current);
    }
}
