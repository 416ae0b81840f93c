package dlkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A DL4J conv layer with fixed weights")
class ConvLayerFilterTest {

    private static double[][] image() {
        Random rnd = new Random(7);
        double[][] img = new double[9][11];
        for (double[] row : img) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextDouble();
            }
        }
        return img;
    }

    @Test
    void equalsZeroPaddedConvolution_forOddAndEvenKernels() {
        double[][] img = image();
        double[][] asym = {
            {1, 2, 0, -1, 3, 1},
            {0, 1, 1, 2, -2, 0},
            {3, 0, 1, 1, 0, 2},
            {1, 1, -1, 0, 2, 1},
            {0, 2, 1, 3, 1, 0},
            {2, -1, 0, 1, 1, 1}
        };
        for (double[][] k : new double[][][] {Kernels.laplacian(), Kernels.box(6), asym, {{1, 2, 3, 4}}}) {
            double[][] dl4j = ConvLayerFilter.convolve(img, k);
            double[][] zero = Convolution.convolve(img, k, Border.CONSTANT);
            for (int y = 0; y < img.length; y++) {
                for (int x = 0; x < img[0].length; x++) {
                    assertEquals(zero[y][x], dl4j[y][x], 1e-9, k.length + "x" + k[0].length + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void differsFromScipyDefaultOnlyNearTheBorder() {
        double[][] img = image();
        double[][] dl4j = ConvLayerFilter.convolve(img, Kernels.box(3));
        double[][] reflect = Convolution.convolve(img, Kernels.box(3));
        for (int y = 1; y < img.length - 1; y++) {
            for (int x = 1; x < img[0].length - 1; x++) {
                assertEquals(reflect[y][x], dl4j[y][x], 1e-9);
            }
        }
        assertTrue(dl4j[0][0] < reflect[0][0], "zeros darken the corner of a positive image");
    }
}
