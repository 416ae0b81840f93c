package dlkit.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.display.Comms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The messages widgets exchange with a front end, over a recording channel. */
class WidgetProtocolTest {

    private FakeChannel channel;

    @BeforeEach
    void install() {
        channel = new FakeChannel();
        Comms.install(channel);
    }

    @AfterEach
    void uninstall() {
        Comms.uninstall();
    }

    private static Map<String, Object> update(Map<String, Object> state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "update");
        m.put("state", state);
        m.put("buffer_paths", List.of());
        return m;
    }

    @Test
    void displayOpensLayoutAndStyleFirstWithProtocolVersion() {
        IntSlider s = new IntSlider("size", 1, 9, 3);
        assertTrue(channel.sent.isEmpty(), "nothing is sent before the widget is shown");
        Map<String, String> bundle = s.mimeBundle();
        List<FakeChannel.Sent> opens = channel.ofType("comm_open");
        assertEquals(
                List.of(s.layout().modelId(), s.style().modelId(), s.modelId()),
                opens.stream().map(FakeChannel.Sent::commId).toList());
        for (FakeChannel.Sent o : opens) {
            assertEquals(Map.of("version", "2.1.0"), o.metadata());
            assertEquals("jupyter.widget", o.data().get("target_name"));
            assertEquals(List.of(), o.data().get("buffer_paths"));
        }
        assertEquals(s.state(), opens.get(2).data().get("state"));
        assertEquals(
                "{\"model_id\": \"" + s.modelId() + "\", \"version_major\": 2, \"version_minor\": 0}",
                bundle.get("application/vnd.jupyter.widget-view+json"));
        assertEquals("IntSlider(value=3, description='size', max=9, min=1)", bundle.get("text/plain"));
        s.mimeBundle();
        assertEquals(3, channel.ofType("comm_open").size(), "a second display opens nothing new");
    }

    @Test
    void aBoxOpensItsChildrenBeforeItself() {
        IntSlider a = new IntSlider();
        Button b = new Button("b");
        VBox box = new VBox(a, b);
        box.open();
        List<String> order = channel.ofType("comm_open").stream()
                .map(FakeChannel.Sent::commId)
                .toList();
        assertTrue(order.indexOf(a.modelId()) < order.indexOf(box.modelId()));
        assertTrue(order.indexOf(b.modelId()) < order.indexOf(box.modelId()));
        assertEquals(box.modelId(), order.get(order.size() - 1));
        assertEquals(8, order.size(), "slider+layout+style, button+layout+style, box+layout");
    }

    @Test
    void frontEndUpdateIsEchoedThenReachesTheListener() {
        IntSlider s = new IntSlider("size", 1, 9, 3);
        s.open();
        List<String> events = new ArrayList<>();
        s.onChange(v ->
                events.add("listener " + v + " after " + channel.messages(s).size() + " msgs"));
        channel.comms.get(s.modelId()).fromFrontEnd(update(Map.of("value", 7L)));
        assertEquals(7, s.value());
        List<Map<String, Object>> msgs = channel.messages(s);
        assertEquals(1, msgs.size());
        assertEquals("echo_update", msgs.get(0).get("method"));
        assertEquals(Map.of("value", 7L), msgs.get(0).get("state"));
        assertEquals(List.of("listener 7 after 1 msgs"), events, "echo first, as ipywidgets 8");
    }

    @Test
    void javaChangesAreSentAsUpdatesOfTheChangedKeyOnly() {
        FloatSlider f = new FloatSlider("p", 0, 1, 0.05, 0.5);
        f.open();
        f.value(0.25);
        f.value(0.25);
        List<Map<String, Object>> msgs = channel.messages(f);
        assertEquals(1, msgs.size());
        assertEquals(
                Map.of("method", "update", "state", Map.of("value", 0.25), "buffer_paths", List.of()), msgs.get(0));
    }

    @Test
    void requestStateIsAnsweredWithTheFullState() {
        Checkbox c = new Checkbox("on", true);
        c.open();
        channel.comms.get(c.modelId()).fromFrontEnd(Map.of("method", "request_state"));
        Map<String, Object> reply = channel.messages(c).get(0);
        assertEquals("update", reply.get("method"));
        assertEquals(c.state(), reply.get("state"));
    }

    @Test
    void aClickRunsTheButtonsListeners() {
        Button b = new Button("run");
        b.open();
        List<String> clicked = new ArrayList<>();
        b.onClick(btn -> clicked.add(btn.description()));
        channel.comms.get(b.modelId()).fromFrontEnd(Map.of("method", "custom", "content", Map.of("event", "click")));
        assertEquals(List.of("run"), clicked);
    }

    @Test
    void dropdownSelectionArrivesAsIndex() {
        Dropdown d = new Dropdown("dir", List.of("horizontal", "vertical"));
        d.open();
        List<String> seen = new ArrayList<>();
        d.onChange(seen::add);
        channel.comms.get(d.modelId()).fromFrontEnd(update(Map.of("index", 1L)));
        assertEquals(List.of("vertical"), seen);
        assertEquals(1, d.index());
    }

    @Test
    void outputCapturesUnderTheCurrentRequestAndShowsErrors() {
        Output out = new Output();
        out.open();
        channel.requestId = "exec-1";
        out.capture(() -> {
            assertEquals("exec-1", out.get("msg_id"));
            throw new IllegalStateException("boom");
        });
        assertEquals("", out.get("msg_id"));
        List<Map<String, Object>> msgs = channel.messages(out);
        assertEquals(Map.of("msg_id", "exec-1"), msgs.get(0).get("state"));
        assertEquals(Map.of("msg_id", ""), msgs.get(1).get("state"));
        assertEquals(1, channel.errors.size());
        int errorAt = channel.sent.indexOf(channel.ofType("error").get(0));
        int resetAt = channel.sent.stream().map(FakeChannel.Sent::data).toList().indexOf(msgs.get(1));
        assertTrue(errorAt < resetAt, "the error is shown while the area still captures");
    }

    @Test
    void interactRerunsTheFunctionInItsOutputOnEveryChange() {
        IntSlider size = new IntSlider("size", 1, 9, 3);
        List<Integer> calls = new ArrayList<>();
        channel.requestId = "exec-1";
        Interactive ui = Widgets.interactive(
                n -> {
                    calls.add(n);
                    return n * n;
                },
                size);
        assertEquals(List.of(), calls, "not run before it is shown");
        ui.mimeBundle();
        assertEquals(List.of(3), calls);
        assertEquals(9, ui.result());
        channel.requestId = "";
        channel.comms.get(size.modelId()).fromFrontEnd(update(Map.of("value", 5L)));
        assertEquals(List.of(3, 5), calls);
        assertEquals(25, ui.result());
        Output out = ui.output();
        List<Object> msgIds = channel.messages(out).stream()
                .map(m -> ((Map<?, ?>) m.get("state")).get("msg_id"))
                .map(Object.class::cast)
                .toList();
        assertEquals("exec-1", msgIds.get(0), "the first run captures under the cell");
        assertTrue(((String) msgIds.get(2)).startsWith("comm-msg-"), "later runs under the slider's comm_msg");
        assertEquals(List.of("exec-1", "", msgIds.get(2), ""), msgIds);
        assertEquals(List.of(size, out), ui.children());
        assertFalse(ui.state().get("_dom_classes").toString().isEmpty());
    }

    @Test
    void aListenersExceptionIsShownUnderTheCellThatDisplayedTheWidget() {
        IntSlider s = new IntSlider();
        Button b = new Button("b");
        channel.requestId = "exec-7";
        new VBox(s, b).mimeBundle();
        channel.requestId = "";
        s.onChange(v -> {
            throw new IllegalStateException("bad " + v);
        });
        b.onClick(() -> {
            throw new IllegalArgumentException("no click");
        });
        channel.comms.get(s.modelId()).fromFrontEnd(update(Map.of("value", 2L)));
        channel.comms.get(b.modelId()).fromFrontEnd(Map.of("method", "custom", "content", Map.of("event", "click")));
        List<FakeChannel.Sent> errors = channel.ofType("error");
        assertEquals(
                List.of(
                        Map.of("evalue", "bad 2", "parent", "exec-7"),
                        Map.of("evalue", "no click", "parent", "exec-7")),
                errors.stream().map(FakeChannel.Sent::data).toList());
        assertEquals(2, s.value(), "the value is kept");
    }

    @Test
    void closeSendsCommCloseOnce() {
        Text t = new Text("name", "x");
        t.open();
        t.close();
        t.close();
        assertEquals(1, channel.ofType("comm_close").size());
        assertFalse(t.isOpen());
    }
}
