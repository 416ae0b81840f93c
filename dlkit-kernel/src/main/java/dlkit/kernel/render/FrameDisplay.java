package dlkit.kernel.render;

import com.google.gson.Gson;
import dlkit.display.Display;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The execution agent's {@link Display}: renders here, where the value lives, and sends the bundle to the kernel
 * as one JSON line per message ({@link FrameSink} publishes it).
 */
public final class FrameDisplay implements Display {

    private static final Gson GSON = new Gson();

    private final OutputStream frames;
    private final MimeRenderer renderer;

    public FrameDisplay(OutputStream frames, MimeRenderer renderer) {
        this.frames = frames;
        this.renderer = renderer;
    }

    @Override
    public String display(Object value, String... mimeTypes) {
        String id = UUID.randomUUID().toString();
        send("display_data", id, renderer.render(value, mimeTypes), false);
        return id;
    }

    @Override
    public void update(String displayId, Object value, String... mimeTypes) {
        send("update_display_data", displayId, renderer.render(value, mimeTypes), false);
    }

    @Override
    public void clearOutput(boolean wait) {
        send("clear_output", null, null, wait);
    }

    private void send(String type, String id, Map<String, Object> data, boolean wait) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put("id", id);
        frame.put("data", data);
        frame.put("wait", wait);
        byte[] line = (GSON.toJson(frame) + "\n").getBytes(StandardCharsets.UTF_8);
        System.out.flush(); // printed text first, as the cell printed it
        try {
            synchronized (frames) {
                frames.write(line);
                frames.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the kernel is gone: " + e.getMessage(), e);
        }
    }
}
