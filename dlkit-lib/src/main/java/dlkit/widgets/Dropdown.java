package dlkit.widgets;

import java.util.ArrayList;
import java.util.List;

/**
 * A drop-down list (DropdownModel). As in ipywidgets 8 the model holds the labels ({@code _options_labels})
 * and the selected {@code index} (null when there are no options), not the value: {@link #value()} is the
 * selected label, found from the index.
 */
public final class Dropdown extends ValueWidget<String> {

    public Dropdown() {
        super("DropdownModel", "DropdownView", Style.description(), String.class);
        define("_options_labels", List.of());
        define("index", null);
    }

    /** A drop-down with these options, the first selected. */
    public Dropdown(String description, List<String> options) {
        this();
        set("description", description);
        options(options);
    }

    /** Replaces the options; the first is selected (none when empty). Returns this. */
    public Dropdown options(List<String> options) {
        set("_options_labels", List.copyOf(options));
        set("index", options.isEmpty() ? null : 0);
        return this;
    }

    @SuppressWarnings("unchecked")
    public List<String> options() {
        return (List<String>) get("_options_labels");
    }

    /** The selected index, or null with no options. */
    public Integer index() {
        return (Integer) get("index");
    }

    /** The selected label, or null with no options. */
    @Override
    public String value() {
        Integer i = index();
        return i == null ? null : options().get(i);
    }

    /** Selects the option at {@code index}; returns this. */
    public Dropdown index(int index) {
        if (index < 0 || index >= options().size()) {
            throw new IllegalArgumentException("Dropdown: index " + index + " is not one of 0.."
                    + (options().size() - 1) + " (options " + options() + ")");
        }
        set("index", index);
        return this;
    }

    /** Selects the option with this label; returns this. */
    @Override
    public Dropdown value(String label) {
        int i = options().indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("Dropdown: '" + label + "' is not an option; options are " + options());
        }
        return index(i);
    }

    @Override
    protected String valueKey() {
        return "index";
    }

    @Override
    protected Object fromJson(String key, Object json, Object current) {
        if (key.equals("index") && json instanceof Number n) {
            return n.intValue();
        }
        if (key.equals("_options_labels") && json instanceof List<?> l) {
            List<String> labels = new ArrayList<>();
            l.forEach(o -> labels.add(String.valueOf(o)));
            return List.copyOf(labels);
        }
        return super.fromJson(key, json, current);
    }
}
