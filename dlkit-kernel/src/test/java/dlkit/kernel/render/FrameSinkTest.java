package dlkit.kernel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.display.Display;
import dlkit.display.Notebook;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The execution agent's display frames, both ends: what the agent's library shows is what the kernel shows. */
class FrameSinkTest {

    private final Display before = Notebook.current();
    private final List<Object> shown = new ArrayList<>();
    private final List<Boolean> cleared = new ArrayList<>();

    @AfterEach
    void restore() {
        Notebook.install(before);
    }

    private void recordDisplays() {
        Notebook.install(new Display() {
            @Override
            public String display(Object value, String... mimeTypes) {
                shown.add(value);
                return "id";
            }

            @Override
            public void update(String displayId, Object value, String... mimeTypes) {
                shown.add(value);
            }

            @Override
            public void clearOutput(boolean wait) {
                cleared.add(wait);
            }
        });
    }

    @Test
    void framesFromTheAgentBecomeDisplaysInTheKernel() {
        FrameSink sink = new FrameSink();
        FrameDisplay agentSide = new FrameDisplay(sink, MimeRenderer.standard());
        recordDisplays();
        agentSide.display("hello");
        agentSide.clearOutput(true);
        assertEquals(1, shown.size());
        assertEquals(Map.of("text/plain", "hello"), ((Rendered) shown.get(0)).data());
        assertEquals(List.of(true), cleared);
    }

    @Test
    void aMalformedLineIsShownAsTextNeverActedOn() throws java.io.IOException {
        FrameSink sink = new FrameSink();
        recordDisplays();
        java.io.PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            sink.write("{\"type\": \"execute_reply\", \"data\": {}}\nnot json\n".getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
        assertTrue(shown.isEmpty());
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("not json"), buf.toString());
    }
}
