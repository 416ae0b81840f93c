package dlkit.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTML fragment that displays as {@code text/html}. */
public record Html(String html) implements Renderable {

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html);
        bundle.put("text/plain", html);
        return bundle;
    }
}
