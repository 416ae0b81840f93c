package dlkit.conv;

/**
 * Convolution with circular (wrap-around) padding, the image treated as a torus, plus the pieces of the
 * homework's CONV → ReLU → CONV → ReLU → GAP network. Arrays are channel-first: {@code [C][H][W]}; weights
 * {@code [F][C][k][k]}; the filter is not flipped (cross-correlation), stride 1.
 */
public final class Circular {

    private Circular() {}

    /** Pads by {@code p} on every side, the virtual row before row 0 being the last row (and so on). */
    public static double[][] pad(double[][] x, int p) {
        int h = x.length;
        int w = x[0].length;
        double[][] out = new double[h + 2 * p][w + 2 * p];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[0].length; j++) {
                out[i][j] = x[Math.floorMod(i - p, h)][Math.floorMod(j - p, w)];
            }
        }
        return out;
    }

    /** The image rolled down by {@code dy} rows and right by {@code dx} columns (wrapping around). */
    public static double[][] shift(double[][] x, int dy, int dx) {
        int h = x.length;
        int w = x[0].length;
        double[][] out = new double[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                out[Math.floorMod(i + dy, h)][Math.floorMod(j + dx, w)] = x[i][j];
            }
        }
        return out;
    }

    /** A conv layer with circular padding {@code pad}: output [F][H + 2p − k + 1][W + 2p − k + 1]. */
    public static double[][][] conv(double[][][] x, double[][][][] w, double[] bias, int pad) {
        int filters = w.length;
        if (w[0].length != x.length) {
            throw new IllegalArgumentException("weights expect " + w[0].length + " channels, input has " + x.length);
        }
        double[][][] out = new double[filters][][];
        for (int f = 0; f < filters; f++) {
            double[][] sum = null;
            for (int c = 0; c < x.length; c++) {
                double[][] part = Conv2d.apply(pad(x[c], pad), w[f][c]);
                if (sum == null) {
                    sum = part;
                } else {
                    for (int i = 0; i < sum.length; i++) {
                        for (int j = 0; j < sum[0].length; j++) {
                            sum[i][j] += part[i][j];
                        }
                    }
                }
            }
            for (double[] row : sum) {
                for (int j = 0; j < row.length; j++) {
                    row[j] += bias[f];
                }
            }
            out[f] = sum;
        }
        return out;
    }

    /** max(0, x) elementwise, in place; returns x. */
    public static double[][][] relu(double[][][] x) {
        for (double[][] c : x) {
            for (double[] row : c) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.max(0, row[j]);
                }
            }
        }
        return x;
    }

    /** Global average pooling: the mean of each channel. */
    public static double[] gap(double[][][] x) {
        double[] g = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            double s = 0;
            int n = 0;
            for (double[] row : x[c]) {
                for (double v : row) {
                    s += v;
                    n++;
                }
            }
            g[c] = s / n;
        }
        return g;
    }
}
