package dlkit.kernel.render;

import java.util.Map;

/**
 * A value already turned into a MIME bundle elsewhere (by the execution agent's JVM, where the value lives):
 * {@link MimeRenderer} passes it through.
 */
public record Rendered(Map<String, Object> data) {}
