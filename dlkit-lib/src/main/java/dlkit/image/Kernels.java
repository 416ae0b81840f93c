package dlkit.image;

/**
 * Small filter kernels as {@code double[][]} (row 0 = top row).
 *
 * <pre>{@code
 * Kernels.box(3)        // 3×3, every entry 1/9: averaging (blur)
 * Kernels.laplacian()   // [[0, 1, 0], [1, -4, 1], [0, 1, 0]]: edges
 * }</pre>
 */
public final class Kernels {

    private Kernels() {}

    /** The n×n averaging kernel: every entry 1/n². */
    public static double[][] box(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("kernel size must be >= 1, got " + n);
        }
        double[][] k = new double[n][n];
        for (double[] row : k) {
            java.util.Arrays.fill(row, 1.0 / (n * n));
        }
        return k;
    }

    /** The 3×3 Laplacian {@code [[0, 1, 0], [1, -4, 1], [0, 1, 0]]}. */
    public static double[][] laplacian() {
        return new double[][] {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}};
    }

    /** The kernel rotated by 180° (flipped in both directions): convolution = correlation with the flip. */
    public static double[][] flip(double[][] k) {
        int h = k.length;
        int w = k[0].length;
        double[][] f = new double[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                f[i][j] = k[h - 1 - i][w - 1 - j];
            }
        }
        return f;
    }

    /** A readable multi-line form, e.g. for printing a student's kernel. */
    public static String toString(double[][] k) {
        StringBuilder sb = new StringBuilder();
        for (double[] row : k) {
            sb.append('[');
            for (int j = 0; j < row.length; j++) {
                sb.append(j == 0 ? "" : ", ").append(String.format("%.4f", row[j]));
            }
            sb.append("]\n");
        }
        return sb.toString();
    }
}
