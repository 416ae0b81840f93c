package dlkit.linalg;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small dense-matrix helpers on {@code double[][]} (row-major), and conversions from {@code INDArray}. */
public final class Matrices {

    private Matrices() {}

    public static double[][] mmul(double[][] a, double[][] b) {
        requireRectangular(a);
        requireRectangular(b);
        int n = a.length, k = b.length, m = b[0].length;
        if (a[0].length != k) {
            throw new IllegalArgumentException(
                    "shapes " + n + "x" + a[0].length + " and " + k + "x" + m + " do not fit for a matrix product");
        }
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                double v = a[i][t];
                for (int j = 0; j < m; j++) {
                    c[i][j] += v * b[t][j];
                }
            }
        }
        return c;
    }

    public static double[][] transpose(double[][] a) {
        requireRectangular(a);
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    public static double[][] diag(double[] d) {
        double[][] m = new double[d.length][d.length];
        for (int i = 0; i < d.length; i++) {
            m[i][i] = d[i];
        }
        return m;
    }

    /** A matrix as rows; a vector becomes a single row. */
    public static double[][] toArray(INDArray a) {
        INDArray d = a.castTo(DataType.DOUBLE);
        if (d.rank() == 1) {
            return new double[][] {d.toDoubleVector()};
        }
        if (d.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix, got shape " + java.util.Arrays.toString(a.shape()));
        }
        return d.toDoubleMatrix();
    }

    /** Like {@link #toArray} but a vector becomes a column (the usual shape of a target {@code y}). */
    static double[][] toColumnOrMatrix(INDArray a) {
        if (a.rank() == 1) {
            double[] v = a.castTo(DataType.DOUBLE).toDoubleVector();
            double[][] c = new double[v.length][1];
            for (int i = 0; i < v.length; i++) {
                c[i][0] = v[i];
            }
            return c;
        }
        return toArray(a);
    }

    static void requireRectangular(double[][] a) {
        if (a.length == 0 || a[0].length == 0) {
            throw new IllegalArgumentException("empty matrix");
        }
        for (double[] row : a) {
            if (row.length != a[0].length) {
                throw new IllegalArgumentException(
                        "ragged matrix: rows of length " + a[0].length + " and " + row.length);
            }
        }
    }
}
