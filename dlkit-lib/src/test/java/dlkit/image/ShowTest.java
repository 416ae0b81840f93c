package dlkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dlkit.plot.Figure;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The original's display pipeline")
class ShowTest {

    @Test
    void displayValues_scaleClipAndTruncate() {
        int[][] v = Show.displayValues(new double[][] {{-0.5, 0.0, 0.5, 0.999, 2.0}});
        assertArrayEquals(new int[] {0, 0, 127, 254, 255}, v[0]);
    }

    @Test
    void panel_stretchesEachImageToItsOwnRange() {
        // A dim image (0.1 .. 0.2) still spans black to white.
        BufferedImage img = Show.panel(new double[][] {{0.1, 0.15, 0.2}});
        assertEquals(0x000000, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(2, 0) & 0xFFFFFF);
    }

    @Test
    void laplacianNegatives_showAsBlack() {
        BufferedImage img = Show.panel(new double[][] {{-0.3, 0.0, 0.4}});
        assertEquals(0, img.getRGB(0, 0) & 0xFF);
        assertEquals(0, img.getRGB(1, 0) & 0xFF);
        assertEquals(255, img.getRGB(2, 0) & 0xFF);
    }

    @Test
    void images_putTitledPanelsInOneRow() {
        double[][] a = new double[20][200];
        Figure f = Show.images(List.of(a, a, a, a), List.of("original", "3X3 Kernel", "6X6 Kernel", "9X9 Kernel"));
        assertEquals(1, f.rows());
        assertEquals(4, f.columns());
        BufferedImage img = f.toImage();
        assertEquals(4 * Show.image(a, "3X3 Kernel").getWidth(), img.getWidth());
    }

    @Test
    void crop_copiesTheBlock() {
        double[][] c = Show.crop(new double[][] {{1, 2, 3}, {4, 5, 6}}, 1, 1, 1, 2);
        assertArrayEquals(new double[] {5, 6}, c[0], 0);
    }
}
