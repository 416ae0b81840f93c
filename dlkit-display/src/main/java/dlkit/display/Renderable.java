package dlkit.display;

import java.util.Map;

/**
 * A library value that knows how to show itself: the kernel publishes {@link #mimeBundle()} as it is,
 * the console prints {@link #textForm()}. Implemented by figures, progress bars and the text wrappers,
 * so the kernel needs no knowledge of them.
 */
public interface Renderable {

    /**
     * MIME type to data, as Jupyter wants it: text types as strings, image types base64-encoded.
     * Must contain {@code text/plain}.
     */
    Map<String, String> mimeBundle();

    /** Text shown where rich output cannot be. */
    default String textForm() {
        return mimeBundle().getOrDefault("text/plain", toString());
    }
}
