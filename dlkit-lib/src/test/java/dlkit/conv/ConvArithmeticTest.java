package dlkit.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("1-D, transpose and dilated convolution (HW Q3b, Q3c, Q4d-i)")
class ConvArithmeticTest {

    @Test
    void filterFrom_1_4_0_m2_3_to_m2_2_11_is_2_m1_3() {
        double[] x = {1, 4, 0, -2, 3};
        double[] w = Conv1d.recoverFilter(x, new double[] {-2, 2, 11});
        // a + 4b = -2, 4a - 2c = 2, -2b + 3c = 11  =>  a = 2, b = -1, c = 3
        assertArrayEquals(new double[] {2, -1, 3}, w, 1e-12);
        assertArrayEquals(new double[] {-2, 2, 11}, Conv1d.apply(x, w), 1e-12);
    }

    @Test
    void system_holdsTheSlidingWindows() {
        double[][] a = Conv1d.system(new double[] {1, 4, 0, -2, 3}, 3);
        assertArrayEquals(new double[] {1, 4, 0}, a[0], 0);
        assertArrayEquals(new double[] {0, -2, 3}, a[2], 0);
    }

    @Test
    void singularSystem_saysSo() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Conv1d.recoverFilter(new double[] {1, 1, 1, 1}, new double[] {2, 2, 2}));
    }

    @Test
    void transpose1d_matchesTheHomeworksPattern() {
        // [a, b, c] with [x, y, z], stride 2: [ax, ay, az + bx, by, bz + cx, cy, cz]
        double a = 2, b = 3, c = 5, x = 7, y = 11, z = 13;
        assertArrayEquals(
                new double[] {a * x, a * y, a * z + b * x, b * y, b * z + c * x, c * y, c * z},
                Conv2d.transpose(new double[] {a, b, c}, new double[] {x, y, z}, 2),
                0);
    }

    @Test
    void transpose2d_stride1() {
        double[][] y = Conv2d.transpose(new double[][] {{-1, 2}, {3, 1}}, new double[][] {{1, -1}, {0, 1}}, 1);
        // -1*F at (0,0), 2*F at (0,1), 3*F at (1,0), 1*F at (1,1), overlaps added
        assertArrayEquals(new double[] {-1, 3, -2}, y[0], 0);
        assertArrayEquals(new double[] {3, -3, 1}, y[1], 0);
        assertArrayEquals(new double[] {0, 3, 1}, y[2], 0);
    }

    @Test
    void dilated_d2_of_1to9_withOnes_is20() {
        double[][] m = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        double[][] k = {{1, 1}, {1, 1}};
        assertArrayEquals(new double[][] {{1, 0, 1}, {0, 0, 0}, {1, 0, 1}}, Conv2d.dilate(k, 2));
        double[][] y = Conv2d.dilated(m, k, 2);
        assertEquals(1, y.length);
        assertEquals(1 + 3 + 7 + 9, y[0][0], 0);
    }

    @Test
    void apply_doesNotFlip() {
        double[][] y = Conv2d.apply(new double[][] {{1, 2, 3}}, new double[][] {{1, 0}});
        assertArrayEquals(new double[] {1, 2}, y[0], 0);
    }
}
