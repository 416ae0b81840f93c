package dlkit.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import dlkit.display.Comms;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each widget built with its no-argument constructor has exactly the state ipywidgets 8.1.9 sends for the
 * same widget with defaults (keys, values, module versions): the reference is ipywidgets' own get_state(),
 * stored in dlkit-lib/src/test/resources/widgets (test_widgets.py checks it against the installed ipywidgets).
 */
class WidgetStateTest {

    private static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    @AfterEach
    void noChannel() {
        Comms.uninstall();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference(String name) throws Exception {
        try (Reader r = new InputStreamReader(
                WidgetStateTest.class.getResourceAsStream("/widgets/ipywidgets-defaults.json"),
                StandardCharsets.UTF_8)) {
            Map<String, Object> doc = GSON.fromJson(r, Map.class);
            Map<String, Object> model = ((Map<String, Map<String, Object>>) doc.get("models")).get(name);
            assertTrue(model != null, "no reference for " + name);
            return new TreeMap<>(model);
        }
    }

    /** The state as JSON would carry it (integers as Long), widget references cut to "IPY_MODEL_". */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> wire(Widget w) {
        Map<String, Object> json = GSON.fromJson(GSON.toJson(w.state()), Map.class);
        Map<String, Object> out = new TreeMap<>();
        json.forEach((k, v) -> out.put(k, v instanceof String s && s.startsWith("IPY_MODEL_") ? "IPY_MODEL_" : v));
        return out;
    }

    private static void assertDefaults(String name, Supplier<Widget> make) throws Exception {
        assertEquals(reference(name), wire(make.get()), name);
    }

    @Test
    void controlsHaveIpywidgetsDefaults() throws Exception {
        assertDefaults("IntSlider", IntSlider::new);
        assertDefaults("FloatSlider", FloatSlider::new);
        assertDefaults("Dropdown", Dropdown::new);
        assertDefaults("Checkbox", Checkbox::new);
        assertDefaults("Button", Button::new);
        assertDefaults("Text", Text::new);
        assertDefaults("Output", Output::new);
        assertDefaults("HBox", HBox::new);
        assertDefaults("VBox", VBox::new);
    }

    @Test
    void layoutAndStylesHaveIpywidgetsDefaults() throws Exception {
        assertDefaults("Layout", Layout::new);
        assertDefaults("SliderStyle", () -> new IntSlider().style());
        assertDefaults("SliderStyle", () -> new FloatSlider().style());
        assertDefaults("DescriptionStyle", () -> new Dropdown().style());
        assertDefaults("CheckboxStyle", () -> new Checkbox().style());
        assertDefaults("ButtonStyle", () -> new Button().style());
        assertDefaults("TextStyle", () -> new Text().style());
    }

    @Test
    void referencesNameTheChildModels() {
        IntSlider s = new IntSlider();
        Button b = new Button("go");
        HBox box = new HBox(s, b);
        Map<String, Object> state = box.state();
        assertEquals(List.of("IPY_MODEL_" + s.modelId(), "IPY_MODEL_" + b.modelId()), state.get("children"));
        assertEquals("IPY_MODEL_" + s.layout().modelId(), s.state().get("layout"));
        assertEquals("IPY_MODEL_" + s.style().modelId(), s.state().get("style"));
        assertEquals(32, s.modelId().length());
        assertTrue(s.modelId().matches("[0-9a-f]{32}"));
    }

    @Test
    void constructorsWithArgumentsSetTheirKeys() {
        IntSlider s = new IntSlider("size", 1, 9, 3);
        assertEquals(3, s.value());
        assertEquals(1, s.state().get("min"));
        assertEquals(9, s.state().get("max"));
        assertEquals("size", s.state().get("description"));
        assertEquals("IntSlider(value=3, description='size', max=9, min=1)", s.toString());
        assertEquals(9, new IntSlider("s", 1, 9, 42).value(), "clamped to max, as ipywidgets does");
        Dropdown d = new Dropdown("direction", List.of("horizontal", "vertical"));
        assertEquals(0, d.index());
        assertEquals("horizontal", d.value());
        assertEquals(List.of("horizontal", "vertical"), d.state().get("_options_labels"));
        assertFalse(d.state().containsKey("value"), "ipywidgets 8's DropdownModel has no value key");
        FloatSlider f = new FloatSlider("p", 0, 0.95, 0.05, 0.5);
        assertEquals(0.5, f.value());
        assertEquals(0.05, f.step());
    }

    @Test
    void badArgumentsSayWhatToFix() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new IntSlider("s", 9, 1, 3));
        assertEquals("IntSlider: min 9 > max 1; swap them", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new Dropdown("d", List.of("a")).value("b"));
        assertEquals("Dropdown: 'b' is not an option; options are [a]", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new IntSlider().get("nope"));
        assertTrue(e.getMessage().startsWith("IntSlider has no state key 'nope'"), e.getMessage());
    }

    @Test
    void withoutAFrontEndValuesAndListenersStillWork() {
        IntSlider s = new IntSlider("n", 0, 10, 1);
        List<Integer> seen = new java.util.ArrayList<>();
        s.onChange(seen::add);
        s.value(4);
        s.value(4);
        s.value(7);
        assertEquals(List.of(4, 7), seen, "one call per change, none for the same value");
        assertFalse(s.isOpen());
        Map<String, String> bundle = s.mimeBundle();
        assertEquals(
                Map.of("text/plain", "IntSlider(value=7, description='n', max=10)"),
                bundle,
                "no front end: only the text fallback");
        int[] clicks = {0};
        Button b = new Button("go").onClick(() -> clicks[0]++);
        b.click();
        assertEquals(1, clicks[0]);
    }

    @Test
    void jsonNumbersFromTheFrontEndTakeTheKeysType() {
        IntSlider s = new IntSlider();
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("method", "update");
        update.put("state", Map.of("value", 5L));
        s.receive(update);
        assertEquals(Integer.valueOf(5), s.value());
        FloatSlider f = new FloatSlider();
        update.put("state", Map.of("value", 2L)); // JSON 2, not 2.0
        f.receive(update);
        assertEquals(Double.valueOf(2.0), f.value());
    }
}
