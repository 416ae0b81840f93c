package dlkit.kernel.render;

import dlkit.display.KernelExtension;
import dlkit.display.Renderable;
import dlkit.display.TextForm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a value into a Jupyter MIME bundle. Type-specific renderers are tried in registration order;
 * with requested MIME types only those (plus text/plain) are produced. The kernel knows only the JDK's types
 * and {@link Renderable}; libraries add theirs through {@link KernelExtension#renderers}.
 */
public final class MimeRenderer {

    /** Renders one family of types. Returns null when it does not handle the value. */
    public interface TypeRenderer {
        Map<String, ?> render(Object value, List<String> requested);
    }

    private final List<TypeRenderer> renderers = new ArrayList<>();

    public MimeRenderer register(TypeRenderer renderer) {
        renderers.add(renderer);
        return this;
    }

    /** The kernel's own set: {@link Renderable}s, images, strings and Java arrays, then {@code toString}. */
    public static MimeRenderer standard() {
        return standard(List.of());
    }

    /**
     * {@link Renderable}s first, then the extensions' renderers in order (for DLKit's library: XChart charts,
     * Tablesaw tables, ND4J arrays), then the kernel's fallbacks: images, strings and Java arrays, {@code toString}.
     */
    public static MimeRenderer standard(List<KernelExtension.Renderer<?>> extensions) {
        MimeRenderer r = new MimeRenderer().register(MimeRenderer::renderable);
        for (KernelExtension.Renderer<?> e : extensions) {
            r.register(e::render);
        }
        return r.register(new ImageRenderer()).register(MimeRenderer::text);
    }

    public Map<String, Object> render(Object value, String... requested) {
        if (value instanceof Rendered r) {
            return new LinkedHashMap<>(r.data());
        }
        List<String> req = requested == null ? List.of() : Arrays.asList(requested);
        for (TypeRenderer r : renderers) {
            Map<String, ?> bundle = r.render(value, req);
            if (bundle != null) {
                return finish(bundle, value, req);
            }
        }
        return finish(new LinkedHashMap<>(), value, req);
    }

    /**
     * The output metadata for a rendered bundle (Jupyter's {@code metadata} next to {@code data}): for a PNG that
     * records a 2x density and a title ({@link dlkit.display.Png#displayMetadata}), its display size and alt
     * text under {@code image/png}, so front ends show it sharp at the right size; otherwise empty.
     */
    public static Map<String, Object> metadata(Map<String, Object> data) {
        if (data != null && data.get("image/png") instanceof String png) {
            Map<String, Object> m = new LinkedHashMap<>(dlkit.display.Png.displayMetadata(png));
            // An untitled image: its one-line text form is the best alt text there is (screen readers, HTML export).
            if (!m.containsKey("alt")
                    && data.get("text/plain") instanceof String text
                    && !text.isBlank()
                    && text.length() <= 200
                    && !text.contains("\n")) {
                m.put("alt", text);
            }
            if (!m.isEmpty()) {
                return Map.of("image/png", m);
            }
        }
        return Map.of();
    }

    private static Map<String, Object> finish(Map<String, ?> bundle, Object value, List<String> req) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : bundle.entrySet()) {
            if (req.isEmpty() || req.contains(e.getKey()) || e.getKey().equals("text/plain")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        out.putIfAbsent("text/plain", TextForm.of(value));
        return out;
    }

    private static Map<String, Object> renderable(Object value, List<String> requested) {
        if (!(value instanceof Renderable r)) {
            return null;
        }
        Map<String, Object> bundle = new LinkedHashMap<>(r.mimeBundle());
        // JSON types (a widget view) travel as JSON objects, not as strings holding JSON.
        bundle.replaceAll((mime, data) ->
                mime.endsWith("json") && data instanceof String s ? com.google.gson.JsonParser.parseString(s) : data);
        return bundle;
    }

    /** Strings are text; a requested type (render(s, "text/html")) marks the string as that type. */
    private static Map<String, Object> text(Object value, List<String> requested) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        if (value instanceof CharSequence s) {
            bundle.put("text/plain", s.toString());
            for (String mime : requested) {
                bundle.put(mime, s.toString());
            }
            return bundle;
        }
        if (value != null && value.getClass().isArray()) {
            bundle.put("text/plain", ArrayText.of(value));
            return bundle;
        }
        return null;
    }
}
