package dlkit.edges;

/**
 * The hand-made kernels of {@code init_conv_kernel_with_edge_detector} (Sp25): {horizontal, vertical, third}.
 * <ul>
 *   <li>k = 2: H = [[1, 1], [−1, −1]], V = [[1, −1], [1, −1]], third = zeros;</li>
 *   <li>k = 7: H = zeros with row 2 = +1 and row 3 = −1, V = Hᵀ, third = the network's current (random) first
 *       kernel;</li>
 *   <li>other k: {@link #customSobel}(k, 0), {@link #customSobel}(k, 1), zeros.</li>
 * </ul>
 */
public final class EdgeDetectors {

    private EdgeDetectors() {}

    /** The three kernels for size {@code k}; {@code currentFirst} is conv1's current first kernel (used for k = 7). */
    public static double[][][] forKernelSize(int k, double[][] currentFirst) {
        double[][][] out = new double[3][k][k];
        if (k == 2) {
            out[0] = new double[][] {{1, 1}, {-1, -1}};
            out[1] = new double[][] {{1, -1}, {1, -1}};
        } else if (k == 7) {
            for (int c = 0; c < k; c++) {
                out[0][2][c] = 1;
                out[0][3][c] = -1;
                out[1][c][2] = 1;
                out[1][c][3] = -1;
            }
            for (int r = 0; r < k; r++) {
                out[2][r] = currentFirst[r].clone();
            }
        } else {
            out[0] = customSobel(k, 0);
            out[1] = customSobel(k, 1);
        }
        return out;
    }

    /**
     * {@code custom_sobel((k, k), axis)}: entry (row j, column i) = {@code (axis == 0 ? i' : j') / (i'² + j'²)}
     * with offsets from the centre {@code i' = int(i − (k−1)/2)}, {@code j' = int(j − (k−1)/2)}; the centre is 0.
     */
    public static double[][] customSobel(int k, int axis) {
        double[][] out = new double[k][k];
        double c = (k - 1) / 2.0;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                if (i == c && j == c) {
                    continue;
                }
                int di = (int) (i - c);
                int dj = (int) (j - c);
                int d2 = di * di + dj * dj;
                out[j][i] = d2 == 0 ? 0 : (double) (axis == 0 ? di : dj) / d2;
            }
        }
        return out;
    }
}
