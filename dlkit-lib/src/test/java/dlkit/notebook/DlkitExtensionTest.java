package dlkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.display.KernelExtension;
import dlkit.display.Png;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** What the library tells the kernel: found by ServiceLoader, names that exist, and the renderings of its types. */
class DlkitExtensionTest {

    private final DlkitExtension extension = new DlkitExtension();

    /** The bundle the first of the extension's renderers that takes the value makes, as the kernel asks for it. */
    private Map<String, ?> render(Object value, String... requested) {
        for (KernelExtension.Renderer<?> r : extension.renderers()) {
            Map<String, ?> bundle = r.render(value, Arrays.asList(requested));
            if (bundle != null) {
                return bundle;
            }
        }
        return null;
    }

    private static XYChart chart() {
        XYChart c = new XYChartBuilder().width(300).height(200).title("loss").build();
        c.addSeries("train", new double[] {0, 1, 2}, new double[] {3, 2, 1});
        return c;
    }

    @Test
    void isRegisteredForServiceLoader() {
        List<Class<?>> found = new ArrayList<>();
        ServiceLoader.load(KernelExtension.class).forEach(e -> found.add(e.getClass()));
        assertEquals(List.of(DlkitExtension.class), found);
    }

    @Test
    void everyImportNamesSomethingOnTheClassPath() {
        // the kernel silently skips absent names (parts of some builds only), so a typo here would lose an import
        ClassLoader cl = getClass().getClassLoader();
        for (String name : extension.imports()) {
            String path = name.endsWith(".*")
                    ? name.substring(0, name.length() - 2).replace('.', '/')
                    : name.replace('.', '/') + ".class";
            assertNotNull(cl.getResource(path), name);
        }
        for (String name : extension.staticImports()) {
            assertTrue(name.endsWith(".*"), name);
            assertNotNull(cl.getResource(name.substring(0, name.length() - 2).replace('.', '/') + ".class"), name);
        }
    }

    @Test
    void chartsBecomeDecodablePngOfTheirSize() throws Exception {
        Map<String, ?> b = render(chart());
        byte[] png = Base64.getDecoder().decode((String) b.get("image/png"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(600, img.getWidth(), "2x pixels");
        assertEquals(400, img.getHeight());
        assertEquals("XYChart \"loss\" 300x200", b.get("text/plain"));
        // shown at the chart's size, with its title as alt text
        assertEquals(
                Map.of("width", 300, "height", 200, "alt", "loss"), Png.displayMetadata((String) b.get("image/png")));
    }

    @Test
    void svgOnlyWhenAskedFor() {
        Map<String, ?> b = render(chart(), "image/svg+xml");
        assertTrue(((String) b.get("image/svg+xml")).contains("<svg"));
        assertFalse(b.containsKey("image/png"));
        assertNotNull(b.get("text/plain"));
    }

    @Test
    void tablesGetHtmlAndText() {
        Table t = Table.create("scores", DoubleColumn.create("acc", 0.5, 0.75));
        Map<String, ?> b = render(t);
        String html = (String) b.get("text/html");
        assertTrue(html.contains("<th>acc</th>") && html.contains("<td>0.75</td>"), html);
        assertTrue(((String) b.get("text/plain")).contains("acc"));
    }

    @Test
    void ndArraysShowTypeAndShapeBeforeTheirValues() {
        String text = (String) render(Nd4j.createFromArray(1f, 2f, 3f)).get("text/plain");
        assertTrue(text.startsWith("INDArray FLOAT shape [3]\n"), text);
        assertTrue(text.contains("2.0000"), text);
    }

    @Test
    void otherValuesAreLeftToTheKernel() {
        assertEquals(null, render("text"));
        assertEquals(null, render(new double[] {1}));
    }
}
