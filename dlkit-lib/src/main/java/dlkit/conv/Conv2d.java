package dlkit.conv;

/**
 * 2-D convolution arithmetic with the homework's convention (the filter is NOT flipped: cross-correlation),
 * stride 1 and no padding unless said otherwise; plus dilated and transpose convolution.
 *
 * <pre>{@code
 * Conv2d.apply(x, k)                  // valid cross-correlation
 * Conv2d.dilate(k, 2)                 // 2×2 → 3×3 with zeros in the gaps
 * Conv2d.dilated(m, k, 2)             // = apply(m, dilate(k, 2))
 * Conv2d.transpose(x, k, 1)           // each input entry scatters a scaled copy of k; overlaps add
 * }</pre>
 */
public final class Conv2d {

    private Conv2d() {}

    /** {@code y[i][j] = Σ_{h,l} x[i + h][j + l] · w[h][l]}: output (H − k + 1) × (W − k + 1). */
    public static double[][] apply(double[][] x, double[][] w) {
        int oh = x.length - w.length + 1;
        int ow = x[0].length - w[0].length + 1;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("a " + w.length + "x" + w[0].length + " filter does not fit a "
                    + x.length + "x" + x[0].length + " input");
        }
        double[][] y = new double[oh][ow];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                double s = 0;
                for (int h = 0; h < w.length; h++) {
                    for (int l = 0; l < w[0].length; l++) {
                        s += x[i + h][j + l] * w[h][l];
                    }
                }
                y[i][j] = s;
            }
        }
        return y;
    }

    /** The kernel with {@code d − 1} zeros between neighbouring entries: size (k − 1)·d + 1. */
    public static double[][] dilate(double[][] w, int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dilation must be >= 1, got " + d);
        }
        double[][] out = new double[(w.length - 1) * d + 1][(w[0].length - 1) * d + 1];
        for (int h = 0; h < w.length; h++) {
            for (int l = 0; l < w[0].length; l++) {
                out[h * d][l * d] = w[h][l];
            }
        }
        return out;
    }

    /** Dilated convolution, stride 1, no padding: {@code apply(x, dilate(w, d))}. */
    public static double[][] dilated(double[][] x, double[][] w, int d) {
        return apply(x, dilate(w, d));
    }

    /**
     * Transpose convolution with no padding: input entry (i, j) adds {@code x[i][j] · w} at
     * (i·stride, j·stride); output ((H − 1)·stride + k) × ((W − 1)·stride + k).
     */
    public static double[][] transpose(double[][] x, double[][] w, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        int kh = w.length;
        int kw = w[0].length;
        double[][] y = new double[(x.length - 1) * stride + kh][(x[0].length - 1) * stride + kw];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                for (int h = 0; h < kh; h++) {
                    for (int l = 0; l < kw; l++) {
                        y[i * stride + h][j * stride + l] += x[i][j] * w[h][l];
                    }
                }
            }
        }
        return y;
    }

    /** Transpose convolution of 1-D signals (the homework's [a, b, c] * [x, y, z] example). */
    public static double[] transpose(double[] x, double[] w, int stride) {
        return transpose(new double[][] {x}, new double[][] {w}, stride)[0];
    }
}
