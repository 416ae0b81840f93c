package dlkit.widgets;

/** A one-line text field (TextModel): default "", placeholder a zero-width space as in ipywidgets. */
public final class Text extends ValueWidget<String> {

    public Text() {
        super("TextModel", "TextView", Style.text(), String.class);
        define("continuous_update", true);
        define("placeholder", "\u200b");
        define("value", "");
    }

    public Text(String description, String value) {
        this();
        set("description", description);
        set("value", value);
    }

    /** Grey text shown while the field is empty; returns this. */
    public Text placeholder(String placeholder) {
        set("placeholder", placeholder);
        return this;
    }
}
