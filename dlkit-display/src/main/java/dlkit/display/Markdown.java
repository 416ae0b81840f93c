package dlkit.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** Markdown text that displays as {@code text/markdown}. */
public record Markdown(String markdown) implements Renderable {

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/markdown", markdown);
        bundle.put("text/plain", markdown);
        return bundle;
    }
}
