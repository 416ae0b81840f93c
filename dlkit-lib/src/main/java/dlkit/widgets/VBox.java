package dlkit.widgets;

import java.util.List;

/** Children one above the other (VBoxModel). */
public class VBox extends Box {

    public VBox(Widget... children) {
        this(List.of(children));
    }

    public VBox(List<? extends Widget> children) {
        super("VBoxModel", "VBoxView", children);
    }
}
