package dlkit.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Circular padding, CONV -> GAP (HW Q2f)")
class CircularCnnTest {

    @Test
    void pad_wrapsAround() {
        double[][] p = Circular.pad(new double[][] {{1, 2}, {3, 4}}, 1);
        assertArrayEquals(new double[] {4, 3, 4, 3}, p[0], 0);
        assertArrayEquals(new double[] {2, 1, 2, 1}, p[1], 0);
    }

    @Test
    void shiftedEdges_getTheSameFeatures() {
        for (long seed = 0; seed < 5; seed++) {
            CircularCnn f = CircularCnn.random(seed);
            assertArrayEquals(
                    f.features(CircularCnn.verticalEdge(7, 8, 1)),
                    f.features(CircularCnn.verticalEdge(7, 8, 6)),
                    1e-12);
            assertArrayEquals(
                    f.features(CircularCnn.horizontalEdge(7, 8, 1)),
                    f.features(CircularCnn.horizontalEdge(7, 8, 5)),
                    1e-12);
        }
    }

    @Test
    void featureMapsGrowByOne_withK2Pad1() {
        double[][][][] w = new double[1][1][2][2];
        w[0][0][0][0] = 1;
        double[][][] y = Circular.conv(new double[][][] {{{1, 2, 3}, {4, 5, 6}}}, w, new double[1], 1);
        assertEquals(3, y[0].length);
        assertEquals(4, y[0][0].length);
        // the top-left weight reads the padded image: first row is the wrapped last row 6 4 5 6
        assertArrayEquals(new double[] {6, 4, 5, 6}, y[0][0], 0);
    }

    @Test
    void edgeOnTheSeam_isTheExceptionTheJavadocMentions() {
        CircularCnn f = CircularCnn.random(0);
        assertNotEquals(
                f.features(CircularCnn.verticalEdge(7, 8, 1))[0],
                f.features(CircularCnn.verticalEdge(7, 8, 0))[0],
                1e-9);
    }

    @Test
    void gap_averagesEachChannel() {
        assertArrayEquals(
                new double[] {2.5, 0}, Circular.gap(new double[][][] {{{1, 2}, {3, 4}}, {{0, 0}, {0, 0}}}), 0);
    }
}
