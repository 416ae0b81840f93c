package dlkit.kernel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dlkit.display.KernelExtension;
import dlkit.display.Markdown;
import dlkit.display.Png;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MimeRendererTest {

    private final MimeRenderer renderer = MimeRenderer.standard();

    /** A 2x PNG titled "loss", as a library's chart renderer makes one; charts themselves: DlkitRenderersTest. */
    private static final KernelExtension.Renderer<StringBuilder> FIGURE = KernelExtension.Renderer.of(
            StringBuilder.class,
            (sb, requested) -> Map.of(
                    "image/png", Png.base64(new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB), 2, "loss"),
                    "text/html", "<b>" + sb + "</b>",
                    "text/plain", "figure " + sb));

    @Test
    void aTitled2xPngIsShownAtItsSizeWithItsTitleAsAltText() {
        Map<String, Object> b = MimeRenderer.standard(List.of(FIGURE)).render(new StringBuilder("f"));
        assertEquals("figure f", b.get("text/plain"));
        assertEquals(Map.of("image/png", Map.of("width", 300, "height", 200, "alt", "loss")), MimeRenderer.metadata(b));
        assertEquals(Map.of(), MimeRenderer.metadata(renderer.render("text")));
    }

    @Test
    void extensionRenderersComeBeforeTheFallbacks() {
        // a StringBuilder is a CharSequence: the kernel's string fallback would take it but for the extension
        assertEquals("[1.5]", renderer.render(new StringBuilder("[1.5]")).get("text/plain"));
        assertFalse(renderer.render(new StringBuilder("x")).containsKey("image/png"));
        MimeRenderer withFigures = MimeRenderer.standard(List.of(FIGURE));
        Map<String, Object> b = withFigures.render(new StringBuilder("x"), "text/html");
        assertEquals(Map.of("text/html", "<b>x</b>", "text/plain", "figure x"), b, "only what was asked for");
        // other types still reach the fallbacks
        assertEquals("[1, 2]", withFigures.render(new int[] {1, 2}).get("text/plain"));
    }

    @Test
    void anExtensionRendererCanDecline() {
        KernelExtension.Renderer<String> shy = KernelExtension.Renderer.of(
                String.class, (s, requested) -> s.startsWith("!") ? Map.of("text/plain", "loud " + s) : null);
        MimeRenderer r = MimeRenderer.standard(List.of(shy));
        assertEquals("loud !x", r.render("!x").get("text/plain"));
        assertEquals("quiet", r.render("quiet").get("text/plain"));
    }

    @Test
    void anUntitledImageTakesItsTextFormAsAltText() {
        Map<String, Object> b = renderer.render(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
        assertEquals(Map.of("image/png", Map.of("alt", "Image 4x3 px")), MimeRenderer.metadata(b));
    }

    @Test
    void libraryRenderablesPassThrough() {
        Map<String, Object> b = renderer.render(new Markdown("# hi"));
        assertEquals("# hi", b.get("text/markdown"));
    }

    @Test
    void javaArraysPrintTheirContents() {
        assertEquals("[1.5, 2.0]", renderer.render(new double[] {1.5, 2}).get("text/plain"));
        assertEquals("[[1, 2], [3]]", renderer.render(new int[][] {{1, 2}, {3}}).get("text/plain"));
    }

    @Test
    void stringsCanBeMarkedAsAnotherType() {
        Map<String, Object> b = renderer.render("<b>x</b>", "text/html");
        assertEquals("<b>x</b>", b.get("text/html"));
    }
}
