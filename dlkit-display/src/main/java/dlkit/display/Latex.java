package dlkit.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** A LaTeX formula or fragment that displays as {@code text/latex} (add the $ delimiters yourself). */
public record Latex(String latex) implements Renderable {

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/latex", latex);
        bundle.put("text/plain", latex);
        return bundle;
    }
}
