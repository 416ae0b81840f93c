package dlkit.linalg;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Least squares the way the homework writes it with NumPy: {@code pinv}, {@code lstsq}, weighted least squares.
 * All work is done in double precision with an SVD (Apache Commons Math), so rank-deficient matrices are fine:
 * {@code pinv} gives the Moore-Penrose pseudo-inverse and the least-squares answers are the minimum-norm ones.
 * <pre>{@code
 * INDArray w = Linalg.pinv(X).mmul(y);              // np.linalg.pinv(X) @ y
 * INDArray w = Linalg.lstsq(X, y);                  // the same, minimum-norm
 * INDArray w = Linalg.weightedLstsq(X, s, y);       // pinv(XᵀSX) XᵀSy, S = diag(s)
 * }</pre>
 */
public final class Linalg {

    private Linalg() {}

    /**
     * Moore-Penrose pseudo-inverse. Singular values below {@code max(m, n) · σ_max · 2⁻⁵²} count as zero (the
     * same cut-off as NumPy's {@code matrix_rank}); {@code np.linalg.pinv}'s default {@code rcond = 1e-15}
     * differs only for matrices that are numerically rank-deficient anyway.
     */
    public static double[][] pinv(double[][] a) {
        Matrices.requireRectangular(a);
        RealMatrix m = new Array2DRowRealMatrix(a, true);
        return new SingularValueDecomposition(m).getSolver().getInverse().getData();
    }

    /** {@link #pinv(double[][])} for an {@code INDArray} (a vector counts as one row); returns a DOUBLE array. */
    public static INDArray pinv(INDArray a) {
        return Nd4j.createFromArray(pinv(Matrices.toArray(a)));
    }

    /** Minimum-norm least-squares solution of {@code X w ≈ y}: {@code pinv(X) y}. */
    public static double[][] lstsq(double[][] x, double[][] y) {
        return Matrices.mmul(pinv(x), y);
    }

    public static INDArray lstsq(INDArray x, INDArray y) {
        return Nd4j.createFromArray(lstsq(Matrices.toArray(x), Matrices.toColumnOrMatrix(y)));
    }

    /**
     * Weighted least squares, minimising {@code Σ sᵢ (xᵢ·w − yᵢ)²}: {@code w = pinv(XᵀSX) XᵀSy} with
     * {@code S = diag(s)}. The pseudo-inverse matters: when some weights are zero (dropout rate p = 0 in the
     * homework's sweep) {@code XᵀSX} is singular and a plain inverse fails; {@code pinv} then returns the
     * minimum-norm solution.
     */
    public static double[][] weightedLstsq(double[][] x, double[] s, double[][] y) {
        double[][] xt = Matrices.transpose(x);
        double[][] xts = Matrices.mmul(xt, Matrices.diag(s));
        return Matrices.mmul(pinv(Matrices.mmul(xts, x)), Matrices.mmul(xts, y));
    }

    /** {@link #weightedLstsq(double[][], double[], double[][])}; {@code s} is a weight vector or a diagonal matrix. */
    public static INDArray weightedLstsq(INDArray x, INDArray s, INDArray y) {
        double[] weights;
        if (s.isMatrix() && s.rows() > 1 && s.columns() > 1) {
            double[][] m = s.castTo(DataType.DOUBLE).toDoubleMatrix();
            weights = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                weights[i] = m[i][i];
            }
        } else {
            weights = s.castTo(DataType.DOUBLE).toDoubleVector();
        }
        return Nd4j.createFromArray(weightedLstsq(Matrices.toArray(x), weights, Matrices.toColumnOrMatrix(y)));
    }
}
