package dlkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Convolution, checked against values computed by hand")
class ConvolutionTest {

    private static final double[][] IMG = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};

    @Test
    void laplacian_reflectsAtTheBorders() {
        double[][] out = Convolution.convolve(IMG, Kernels.laplacian());
        // (0,0): up reflects to 1, left reflects to 1: 1 + 5 + 1 + 2 - 4
        assertEquals(5, out[0][0], 1e-12);
        assertEquals(0, out[1][1], 1e-12);
        // (2,3): 8 + 12 (reflected) + 11 + 12 (reflected) - 48
        assertEquals(-5, out[2][3], 1e-12);
    }

    @Test
    void box3_averagesTheNeighbourhood() {
        double[][] out = Convolution.convolve(IMG, Kernels.box(3));
        assertEquals(54 / 9.0, out[1][1], 1e-12);
        // rows {0, 0, 1} x cols {0, 0, 1}: 1 1 2 / 1 1 2 / 5 5 6
        assertEquals(24 / 9.0, out[0][0], 1e-12);
        assertEquals(3, out.length);
        assertEquals(4, out[0].length);
    }

    @Test
    void evenKernel_anchorsAtHalfTheSize_1d() {
        double[][] impulse = {{0, 0, 0, 1, 0, 0, 0}};
        double[][] out = Convolution.convolve(impulse, new double[][] {{1, 2, 3, 4}});
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 0, 0}, out[0], 1e-12);
    }

    @Test
    void evenKernel6x6_coversOffsetsMinus2ToPlus3() {
        double[][] img = new double[11][11];
        img[5][5] = 1;
        double[][] k = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                k[i][j] = 10 * i + j;
            }
        }
        double[][] out = Convolution.convolve(img, k);
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 11; x++) {
                boolean inside = y >= 2 && y <= 7 && x >= 2 && x <= 7;
                assertEquals(inside ? k[y - 2][x - 2] : 0, out[y][x], 1e-12, "at " + y + "," + x);
            }
        }
    }

    @Test
    void convolutionFlipsTheKernel_correlationDoesNot() {
        double[][] impulse = {{0, 0, 1, 0, 0}};
        double[][] k = {{1, 2, 3}};
        assertArrayEquals(new double[] {0, 1, 2, 3, 0}, Convolution.convolve(impulse, k)[0], 1e-12);
        assertArrayEquals(new double[] {0, 3, 2, 1, 0}, Convolution.correlate(impulse, k)[0], 1e-12);
    }

    @Test
    void borders_followScipysDefinitions() {
        // For a row a b c d = 1 2 3 4, the pixel just left of a under each mode.
        double[][] row = {{1, 2, 3, 4}};
        double[][] shiftRight = {{0, 0, 1}}; // out[x] = in[x - 1] (convolution, anchor 1)
        assertEquals(1, Convolution.convolve(row, shiftRight, Border.REFLECT)[0][0], 0);
        assertEquals(0, Convolution.convolve(row, shiftRight, Border.CONSTANT)[0][0], 0);
        assertEquals(1, Convolution.convolve(row, shiftRight, Border.NEAREST)[0][0], 0);
        assertEquals(2, Convolution.convolve(row, shiftRight, Border.MIRROR)[0][0], 0);
        assertEquals(4, Convolution.convolve(row, shiftRight, Border.WRAP)[0][0], 0);
    }

    @Test
    void raggedKernel_isRejectedWithItsRow() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Convolution.convolve(IMG, new double[][] {{1, 2}, {3}}));
        assertEquals("kernel is ragged: row 1 has 1 values, row 0 has 2", e.getMessage());
    }

    @Test
    void kernels_boxSumsToOne_andLaplacianToZero() {
        for (int n : new int[] {3, 6, 9}) {
            double s = 0;
            for (double[] r : Kernels.box(n)) {
                for (double v : r) {
                    s += v;
                    assertEquals(1.0 / (n * n), v, 0);
                }
            }
            assertEquals(1, s, 1e-12);
        }
        assertArrayEquals(new double[] {1, -4, 1}, Kernels.laplacian()[1], 0);
    }
}
