package dlkit.kernel.render;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dlkit.display.Notebook;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The kernel's end of {@link FrameDisplay}: each JSON line from the execution agent becomes a display_data,
 * update_display_data or clear_output message. What the agent sends can only ever be output: a malformed line
 * is shown as text, never acted on.
 */
public final class FrameSink extends OutputStream {

    private static final Gson GSON = new Gson();
    private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();
    /** A line longer than this is not a frame the agent's display wrote (a 2x figure is about 1 MB). */
    private static final int MAX_LINE = 64 << 20;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            handle(text);
        } else if (line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private static void handle(String text) {
        Map<String, Object> frame;
        try {
            frame = GSON.fromJson(text, MAP);
        } catch (JsonParseException e) {
            frame = null;
        }
        if (frame == null || !(frame.get("type") instanceof String type)) {
            System.out.println(text);
            return;
        }
        String id = frame.get("id") instanceof String s ? s : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> data = frame.get("data") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        switch (type) {
            case "display_data" -> publish("display_data", id, data);
            case "update_display_data" -> publish("update_display_data", id, data);
            case "clear_output" -> Notebook.clearOutput(Boolean.TRUE.equals(frame.get("wait")));
            default -> System.out.println(text);
        }
    }

    private static void publish(String type, String id, Map<String, Object> data) {
        if (Notebook.current() instanceof KernelDisplay kd && id != null) {
            kd.publish(type, id, new Rendered(data));
        } else if (type.equals("display_data")) {
            Notebook.display(new Rendered(data));
        }
    }
}
