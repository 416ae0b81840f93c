package dlkit.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTML fragment that displays as {@code text/html}; {@link #escape} is the one HTML escaper. */
public record Html(String html) implements Renderable {

    /** Text made safe inside HTML elements and double-quoted attributes; null becomes "". */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html);
        bundle.put("text/plain", html);
        return bundle;
    }
}
