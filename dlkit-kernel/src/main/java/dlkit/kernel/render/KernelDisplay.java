package dlkit.kernel.render;

import dlkit.display.Display;
import dlkit.kernel.io.KernelStreams;
import dlkit.kernel.io.Publisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The kernel's {@link Display}: publishes display_data, update_display_data and clear_output. */
public final class KernelDisplay implements Display {

    private final Publisher publisher;
    private final KernelStreams streams;
    private final MimeRenderer renderer;

    public KernelDisplay(Publisher publisher, KernelStreams streams, MimeRenderer renderer) {
        this.publisher = publisher;
        this.streams = streams;
        this.renderer = renderer;
    }

    @Override
    public String display(Object value, String... mimeTypes) {
        String id = UUID.randomUUID().toString();
        publish("display_data", id, value, mimeTypes);
        return id;
    }

    @Override
    public void update(String displayId, Object value, String... mimeTypes) {
        publish("update_display_data", displayId, value, mimeTypes);
    }

    @Override
    public void clearOutput(boolean wait) {
        streams.flush();
        publisher.publish("clear_output", Map.of("wait", wait));
    }

    /** Publishes {@code type} (display_data or update_display_data) for display {@code id}. */
    public void publish(String type, String id, Object value, String... mimeTypes) {
        Map<String, Object> data = renderer.render(value, mimeTypes);
        streams.flush(); // keep printed text and figures in the order the cell produced them
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", data);
        content.put("metadata", MimeRenderer.metadata(data));
        content.put("transient", Map.of("display_id", id));
        publisher.publish(type, content);
    }
}
