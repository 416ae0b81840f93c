package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Figures")
class FigureTest {

    private static BufferedImage blank(int w, int h) {
        return new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void row_isAsWideAsItsPanelsTogether() {
        Figure f = Plots.row(Plots.line("a", "x", "y", new double[] {1, 2}), blank(100, 50), blank(30, 500));
        BufferedImage img = f.toImage();
        assertEquals(Plots.WIDTH + 100 + 30, img.getWidth());
        assertEquals(500, img.getHeight());
    }

    @Test
    void grid_usesWidestPanelPerColumnAndTallestPerRow() {
        Figure f = Plots.grid(2, blank(10, 20), blank(30, 5), blank(40, 7));
        assertEquals(2, f.rows());
        BufferedImage img = f.toImage();
        assertEquals(40 + 30, img.getWidth());
        assertEquals(20 + 7, img.getHeight());
    }

    @Test
    void figuresNest() {
        Figure inner = Plots.row(blank(10, 10), blank(20, 10));
        assertEquals(30 + 5, Plots.row(inner, blank(5, 5)).toImage().getWidth());
    }

    @Test
    void mimeBundle_holdsADecodablePng() throws Exception {
        Figure f = Plots.row(blank(12, 8), blank(4, 8));
        Map<String, String> bundle = f.mimeBundle();
        BufferedImage png =
                ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("image/png"))));
        assertEquals(32, png.getWidth(), "twice the display size");
        assertEquals(16, png.getHeight());
        // the PNG records its density, so the kernel can give the display size as metadata
        assertEquals(Map.of("width", 16, "height", 8), dlkit.display.Png.displayMetadata(bundle.get("image/png")));
        assertEquals("Figure 1x2 (2 panels) 16x8 px", bundle.get("text/plain"));
        assertEquals(java.util.List.of("text/plain", "image/png"), java.util.List.copyOf(bundle.keySet()));
    }

    @Test
    void save_writesAPng(@TempDir Path dir) throws Exception {
        Path out = Plots.row(Plots.scatter("s", "x", "y", new double[] {1, 2}, new double[] {3, 4}))
                .save(dir.resolve("sub/fig.png"));
        BufferedImage img = ImageIO.read(Files.newInputStream(out));
        assertEquals(2 * Plots.WIDTH, img.getWidth());
        assertEquals(2 * Plots.HEIGHT, img.getHeight());
        Map<String, Object> meta =
                dlkit.display.Png.displayMetadata(Base64.getEncoder().encodeToString(Files.readAllBytes(out)));
        assertEquals(Map.of("width", Plots.WIDTH, "height", Plots.HEIGHT, "alt", "s"), meta);
    }

    @Test
    void unknownPanel_isRejectedByType() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Plots.row("not a chart").toImage());
        assertTrue(e.getMessage().startsWith("cannot draw a java.lang.String as a panel"), e.getMessage());
    }

    @Test
    void withTitle_addsAStripAbove() {
        Figure plain = Plots.row(blank(200, 50));
        Figure titled = plain.withTitle("Sweep");
        assertEquals(200, titled.toImage().getWidth());
        assertTrue(titled.toImage().getHeight() > 50);
        assertTrue(titled.toString().contains("'Sweep'"));
    }

    @Test
    void save_writesVectorFilesForWriteUps(@TempDir Path dir) throws Exception {
        Figure f = Plots.row(Plots.line("Training loss", "iteration", "MSE", new double[] {3, 2, 1}), blank(20, 20))
                .withTitle("Sweep");
        String svg = Files.readString(f.save(dir.resolve("fig.svg")));
        assertTrue(svg.contains("<svg") && svg.contains("width=\"" + (Plots.WIDTH + 20) + "\""), svg.substring(0, 300));
        byte[] pdf = Files.readAllBytes(f.save(dir.resolve("out/fig.pdf").toString()));
        assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.save("fig.jpg"));
        assertEquals("cannot save a figure as fig.jpg: use a name ending in .png, .svg or .pdf", e.getMessage());
    }

    @Test
    void svgOutputWhenAskedFor() {
        Figure f = Plots.row(blank(12, 8));
        try {
            Plots.svg(true);
            assertTrue(f.mimeBundle().get("image/svg+xml").contains("<svg"));
            assertTrue(f.mimeBundle().containsKey("image/png"), "PNG stays for front ends without SVG");
        } finally {
            Plots.svg(false);
        }
        assertTrue(!f.mimeBundle().containsKey("image/svg+xml"));
    }

    @Test
    void descriptionIsTheAltText() {
        assertEquals("Sweep", Plots.row(blank(2, 2)).withTitle("Sweep").description());
        Figure two = Plots.row(
                Plots.line("Loss", "x", "y", new double[] {1, 2}),
                Plots.line("Accuracy", "x", "y", new double[] {1, 2}));
        assertEquals("Loss; Accuracy", two.description());
        assertEquals(
                "Loss; Accuracy",
                dlkit.display.Png.displayMetadata(two.mimeBundle().get("image/png"))
                        .get("alt"));
    }
}
