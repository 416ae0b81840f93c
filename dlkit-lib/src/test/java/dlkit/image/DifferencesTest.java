package dlkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Comparing images")
class DifferencesTest {

    private static double[][] ramp(int h, int w) {
        double[][] a = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y][x] = 1 + y + 0.1 * x;
            }
        }
        return a;
    }

    @Test
    void reflectVsZeroPadding_differInTheKernelsOverhang() {
        double[][] img = ramp(12, 15);
        for (int n : new int[] {3, 6, 9}) {
            double[][] reflect = Convolution.convolve(img, Kernels.box(n));
            double[][] zeros = Convolution.convolve(img, Kernels.box(n), Border.CONSTANT);
            int[] expected = {n - 1 - n / 2, n / 2};
            assertArrayEquals(expected, Differences.borderRows(reflect, zeros, 1e-12), "rows, n = " + n);
            assertArrayEquals(expected, Differences.borderCols(reflect, zeros, 1e-12), "cols, n = " + n);
        }
    }

    @Test
    void maxAbs_isTheLargestDifference() {
        assertEquals(0.5, Differences.maxAbs(new double[][] {{1, 2}}, new double[][] {{1.5, 2}}), 0);
    }
}
