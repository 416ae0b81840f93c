package dlkit.widgets;

/** A check box (CheckboxModel): default false, indented. */
public final class Checkbox extends ValueWidget<Boolean> {

    public Checkbox() {
        super("CheckboxModel", "CheckboxView", Style.checkbox(), Boolean.class);
        define("indent", true);
        define("value", false);
    }

    public Checkbox(String description, boolean value) {
        this();
        set("description", description);
        set("value", value);
    }
}
