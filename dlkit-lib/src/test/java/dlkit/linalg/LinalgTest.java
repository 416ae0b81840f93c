package dlkit.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinalgTest {

    private static final double EXACT = 1e-12;

    @Test
    @DisplayName("pinv of the row [10, 1] is its transpose over 101")
    void pinv_ofRowVector_isTransposeOverSquaredNorm() {
        double[][] p = Linalg.pinv(new double[][] {{10, 1}});
        assertEquals(2, p.length);
        assertEquals(10.0 / 101, p[0][0], EXACT);
        assertEquals(1.0 / 101, p[1][0], EXACT);
    }

    @Test
    void pinv_ofSingularMatrix_isMoorePenrose() {
        // rank one: pinv(A) = Aᵀ / ‖A‖²_F
        double[][] p = Linalg.pinv(new double[][] {{1, 2}, {2, 4}});
        assertArrayEquals(new double[] {0.04, 0.08}, p[0], EXACT);
        assertArrayEquals(new double[] {0.08, 0.16}, p[1], EXACT);
    }

    @Test
    void pinv_ofInvertibleMatrix_isInverse() {
        double[][] p = Linalg.pinv(new double[][] {{2, 1}, {1, 1}});
        assertArrayEquals(new double[] {1, -1}, p[0], EXACT);
        assertArrayEquals(new double[] {-1, 2}, p[1], EXACT);
    }

    @Test
    @DisplayName("(a) OLS: the minimum-norm solution of 10 w1 + w2 = 11 is [10, 1] · 11/101")
    void lstsq_underdetermined_givesMinimumNorm() {
        INDArray w = Linalg.lstsq(
                Nd4j.createFromArray(new double[][] {{10, 1}}), Nd4j.createFromArray(new double[][] {{11}}));
        assertArrayEquals(new long[] {2, 1}, w.shape());
        assertEquals(110.0 / 101, w.getDouble(0, 0), EXACT);
        assertEquals(11.0 / 101, w.getDouble(1, 0), EXACT);
    }

    @Test
    @DisplayName("(c) dropout least squares at p = 0.5 gives [11/30, 11/3]")
    void lstsq_dropoutInputs_givesElevenThirtieths() {
        double[][] x = {{20, 2}, {0, 2}, {20, 0}, {0, 0}};
        double[][] y = {{11}, {11}, {11}, {11}};
        double[][] w = Linalg.lstsq(x, y);
        assertEquals(11.0 / 30, w[0][0], EXACT);
        assertEquals(11.0 / 3, w[1][0], EXACT);
    }

    @ParameterizedTest(name = "p = {0}: w1 = 1.1(1−p)/(2−p), w2 = 10·w1")
    @ValueSource(doubles = {0.1, 0.3, 0.5, 0.7, 0.9})
    void weightedLstsq_dropoutSweep_matchesClosedForm(double p) {
        INDArray w = Linalg.weightedLstsq(dropoutX(p), dropoutS(p), y4());
        double w1 = 1.1 * (1 - p) / (2 - p);
        assertEquals(w1, w.getDouble(0, 0), 1e-10);
        assertEquals(10 * w1, w.getDouble(1, 0), 1e-9);
    }

    @Test
    @DisplayName("p = 0: XᵀSX is singular and pinv gives the minimum-norm point")
    void weightedLstsq_atZeroDropout_isMinimumNorm() {
        INDArray w = Linalg.weightedLstsq(dropoutX(0), dropoutS(0), y4());
        assertEquals(110.0 / 101, w.getDouble(0, 0), EXACT);
        assertEquals(11.0 / 101, w.getDouble(1, 0), EXACT);
    }

    @Test
    void weightedLstsq_acceptsDiagonalMatrixAsWeights() {
        INDArray s = Nd4j.diag(dropoutS(0.5));
        INDArray w = Linalg.weightedLstsq(dropoutX(0.5), s, y4());
        assertEquals(11.0 / 30, w.getDouble(0, 0), 1e-12);
    }

    @Test
    void mmul_rejectsShapesThatDoNotFit() {
        assertThrows(
                IllegalArgumentException.class, () -> Matrices.mmul(new double[][] {{1, 2}}, new double[][] {{1, 2}}));
    }

    private static INDArray dropoutX(double p) {
        return Nd4j.createFromArray(new double[][] {{10, 1}, {10, 0}, {0, 1}, {0, 0}})
                .div(1 - p);
    }

    private static INDArray dropoutS(double p) {
        return Nd4j.createFromArray((1 - p) * (1 - p), (1 - p) * p, p * (1 - p), p * p);
    }

    private static INDArray y4() {
        return Nd4j.createFromArray(new double[][] {{11}, {11}, {11}, {11}});
    }
}
