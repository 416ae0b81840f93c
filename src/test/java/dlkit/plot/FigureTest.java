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
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("image/png"))));
        assertEquals(16, png.getWidth());
        assertEquals(8, png.getHeight());
        assertEquals("Figure 1x2 (2 panels) 16x8 px", bundle.get("text/plain"));
    }

    @Test
    void save_writesAPng(@TempDir Path dir) throws Exception {
        Path out = Plots.row(Plots.scatter("s", "x", "y", new double[] {1, 2}, new double[] {3, 4}))
                .save(dir.resolve("sub/fig.png"));
        BufferedImage img = ImageIO.read(Files.newInputStream(out));
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.HEIGHT, img.getHeight());
    }

    @Test
    void unknownPanel_isRejectedByType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.row("not a chart").toImage());
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
}
