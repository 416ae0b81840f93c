package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

@DisplayName("Arrays as images")
class ImagesTest {

    private static int gray(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFF;
    }

    @Test
    void gray_clipsToUnitRange_rowZeroOnTop() {
        BufferedImage img = Images.gray(new double[][] {{-1, 0.5, 2}, {0, 0, 0}});
        assertEquals(3, img.getWidth());
        assertEquals(2, img.getHeight());
        assertEquals(0, gray(img, 0, 0));
        assertEquals(128, gray(img, 1, 0));
        assertEquals(255, gray(img, 2, 0));
        assertEquals(0, gray(img, 2, 1));
    }

    @Test
    void gray_stretchMapsMinToBlackAndMaxToWhite() {
        BufferedImage img = Images.gray(new double[][] {{10, 15, 20}}, true);
        assertEquals(0, gray(img, 0, 0));
        assertEquals(128, gray(img, 1, 0));
        assertEquals(255, gray(img, 2, 0));
    }

    @Test
    void rgb_readsChannelsFirst() {
        double[][][] chw = {{{1, 0}}, {{0, 1}}, {{0, 0}}};
        BufferedImage img = Images.rgb(chw);
        assertEquals(0xFF0000, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, img.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void ndArrays_work2dAnd3d() {
        BufferedImage g = Images.gray(Nd4j.create(new double[][] {{0, 1}, {1, 0}}));
        assertEquals(255, gray(g, 1, 0));
        BufferedImage c = Images.rgb(Nd4j.create(new double[] {1, 0, 0, 0, 0, 1}, 3, 1, 2));
        assertEquals(0xFF0000, c.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x0000FF, c.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void scale_isNearestNeighbour() {
        BufferedImage img = Images.scale(Images.gray(new double[][] {{0, 1}}), 3);
        assertEquals(6, img.getWidth());
        assertEquals(0, gray(img, 2, 2));
        assertEquals(255, gray(img, 3, 0));
    }
}
