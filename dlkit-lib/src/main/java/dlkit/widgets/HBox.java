package dlkit.widgets;

import java.util.List;

/** Children side by side (HBoxModel). */
public final class HBox extends Box {

    public HBox(Widget... children) {
        this(List.of(children));
    }

    public HBox(List<? extends Widget> children) {
        super("HBoxModel", "HBoxView", children);
    }
}
