package dlkit.kernel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.display.Markdown;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class MimeRendererTest {

    private final MimeRenderer renderer = MimeRenderer.standard();

    private static XYChart chart() {
        XYChart c = new XYChartBuilder().width(300).height(200).title("loss").build();
        c.addSeries("train", new double[] {0, 1, 2}, new double[] {3, 2, 1});
        return c;
    }

    @Test
    void chartsBecomeDecodablePngOfTheirSize() throws Exception {
        Map<String, Object> b = renderer.render(chart());
        byte[] png = Base64.getDecoder().decode((String) b.get("image/png"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(600, img.getWidth(), "2x pixels");
        assertEquals(400, img.getHeight());
        assertEquals("XYChart \"loss\" 300x200", b.get("text/plain"));
        // shown at the chart's size, with its title as alt text
        assertEquals(Map.of("image/png", Map.of("width", 300, "height", 200, "alt", "loss")),
                MimeRenderer.metadata(b));
        assertEquals(Map.of(), MimeRenderer.metadata(renderer.render("text")));
    }

    @Test
    void anUntitledImageTakesItsTextFormAsAltText() {
        Map<String, Object> b = renderer.render(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
        assertEquals(Map.of("image/png", Map.of("alt", "Image 4x3 px")), MimeRenderer.metadata(b));
    }

    @Test
    void svgOnlyWhenAskedFor() {
        Map<String, Object> b = renderer.render(chart(), "image/svg+xml");
        assertTrue(((String) b.get("image/svg+xml")).contains("<svg"));
        assertFalse(b.containsKey("image/png"));
        assertNotNull(b.get("text/plain"));
    }

    @Test
    void tablesGetHtmlAndText() {
        Table t = Table.create("scores", DoubleColumn.create("acc", 0.5, 0.75));
        Map<String, Object> b = renderer.render(t);
        String html = (String) b.get("text/html");
        assertTrue(html.contains("<th>acc</th>") && html.contains("<td>0.75</td>"), html);
        assertTrue(((String) b.get("text/plain")).contains("acc"));
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
