package dlkit.conv;

import java.util.Random;

/**
 * The homework's feature extractor CONV2-3 → ReLU → CONV2-3 → ReLU → GAP, each conv 2×2 with stride 1 and
 * circular padding 1, with seeded random weights. {@link #features} is g = f(x), the GAP output. Shifting an
 * image (circularly) shifts every feature map and leaves their means unchanged, so images that differ by a
 * shift get the same features.
 *
 * <p>One subtlety: a 2×2 filter with padding 1 makes each map one row and one column larger, and that extra
 * row and column repeat the wrap-around seam. The means are then exactly shift-invariant only for patterns
 * that stay away from the seam, like the homework's edges (rows and columns 1…W−2); an edge lying on the
 * first or last column gives slightly different numbers.
 *
 * <pre>{@code
 * CircularCnn f = CircularCnn.random(7);
 * f.features(CircularCnn.verticalEdge(7, 8, 1))   // equals f.features(CircularCnn.verticalEdge(7, 8, 6))
 * }</pre>
 */
public final class CircularCnn {

    public static final int KERNEL = 2;
    public static final int PAD = 1;
    public static final int CHANNELS = 3;

    private final double[][][][] w1;
    private final double[] b1;
    private final double[][][][] w2;
    private final double[] b2;

    private CircularCnn(double[][][][] w1, double[] b1, double[][][][] w2, double[] b2) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    /** Weights and biases drawn from N(0, 1) with the given seed. */
    public static CircularCnn random(long seed) {
        Random rnd = new Random(seed);
        return new CircularCnn(
                weights(rnd, CHANNELS, 1),
                gaussians(rnd, CHANNELS),
                weights(rnd, CHANNELS, CHANNELS),
                gaussians(rnd, CHANNELS));
    }

    /** g = GAP(ReLU(CONV(ReLU(CONV(x))))): one number per channel. */
    public double[] features(double[][] x) {
        double[][][] h = Circular.relu(Circular.conv(new double[][][] {x}, w1, b1, PAD));
        h = Circular.relu(Circular.conv(h, w2, b2, PAD));
        return Circular.gap(h);
    }

    /** A rows × cols image of zeros with row {@code row} set to 1. */
    public static double[][] horizontalEdge(int rows, int cols, int row) {
        double[][] x = new double[rows][cols];
        java.util.Arrays.fill(x[row], 1);
        return x;
    }

    /** A rows × cols image of zeros with column {@code col} set to 1. */
    public static double[][] verticalEdge(int rows, int cols, int col) {
        double[][] x = new double[rows][cols];
        for (double[] r : x) {
            r[col] = 1;
        }
        return x;
    }

    private static double[][][][] weights(Random rnd, int filters, int channels) {
        double[][][][] w = new double[filters][channels][KERNEL][KERNEL];
        for (double[][][] f : w) {
            for (double[][] c : f) {
                for (double[] row : c) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = rnd.nextGaussian();
                    }
                }
            }
        }
        return w;
    }

    private static double[] gaussians(Random rnd, int n) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextGaussian();
        }
        return b;
    }
}
