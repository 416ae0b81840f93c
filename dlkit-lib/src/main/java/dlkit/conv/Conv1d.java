package dlkit.conv;

/**
 * 1-D convolution as the homework defines it (filter NOT flipped, i.e. cross-correlation), no padding,
 * stride 1, and recovering a filter from an input and its output.
 *
 * <pre>{@code
 * Conv1d.apply(new double[] {1, 4, 0, -2, 3}, new double[] {2, -1, 3})          // [-2, 2, 11]
 * Conv1d.recoverFilter(new double[] {1, 4, 0, -2, 3}, new double[] {-2, 2, 11})  // [2, -1, 3]
 * }</pre>
 */
public final class Conv1d {

    private Conv1d() {}

    /** {@code y[i] = Σ_j w[j] · x[i + j]}, length {@code x.length − w.length + 1}. */
    public static double[] apply(double[] x, double[] w) {
        int m = x.length - w.length + 1;
        if (w.length == 0 || m < 1) {
            throw new IllegalArgumentException(
                    "filter of length " + w.length + " does not fit a signal of length " + x.length);
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < w.length; j++) {
                y[i] += w[j] * x[i + j];
            }
        }
        return y;
    }

    /**
     * The linear system {@code A·w = y} behind {@link #apply}: row i holds the window
     * {@code x[i .. i + k − 1]}, where {@code k = x.length − y.length + 1} is the filter length.
     */
    public static double[][] system(double[] x, int outputLength) {
        int k = x.length - outputLength + 1;
        double[][] a = new double[outputLength][k];
        for (int i = 0; i < outputLength; i++) {
            System.arraycopy(x, i, a[i], 0, k);
        }
        return a;
    }

    /**
     * The filter {@code w} with {@code apply(x, w) = y}, solving {@link #system} (least squares when there are
     * more equations than unknowns). Fails when the windows of {@code x} do not determine the filter.
     */
    public static double[] recoverFilter(double[] x, double[] y) {
        double[][] a = system(x, y.length);
        int k = a[0].length;
        if (y.length < k) {
            throw new IllegalArgumentException(y.length + " outputs cannot determine a filter of length " + k);
        }
        // Normal equations AᵀA w = Aᵀy (for a square A this is the exact solution).
        double[][] ata = new double[k][k];
        double[] aty = new double[k];
        for (int i = 0; i < y.length; i++) {
            for (int p = 0; p < k; p++) {
                aty[p] += a[i][p] * y[i];
                for (int q = 0; q < k; q++) {
                    ata[p][q] += a[i][p] * a[i][q];
                }
            }
        }
        return LinearSolve.solve(ata, aty);
    }
}
