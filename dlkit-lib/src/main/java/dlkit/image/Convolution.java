package dlkit.image;

/**
 * 2-D convolution of an image with a kernel, with exactly the semantics of {@code scipy.ndimage.convolve}
 * (and {@code correlate}) for {@code origin=0}:
 *
 * <ul>
 *   <li>true convolution: the kernel is flipped,
 *       {@code out[y][x] = Σ_{i,j} k[i][j] · in[y + ci − i][x + cj − j]} with {@code ci = kh / 2},
 *       {@code cj = kw / 2} (integer division; for an even 6×6 kernel the input offsets run −2…+3);</li>
 *   <li>the output has the input's size;</li>
 *   <li>pixels outside the image come from the {@link Border} rule, {@link Border#REFLECT} by default
 *       ({@code d c b a | a b c d | d c b a}), with {@link Border#CONSTANT} meaning zeros.</li>
 * </ul>
 * {@link #correlate} is the unflipped version (what a conv layer computes), anchored like scipy's
 * {@code correlate}: {@code out[y][x] = Σ k[i][j] · in[y + i − ci][x + j − cj]}.
 *
 * <pre>{@code
 * double[][] blurred = Convolution.convolve(gray, Kernels.box(3));
 * double[][] zeroPadded = Convolution.convolve(gray, kernel, Border.CONSTANT);
 * }</pre>
 */
public final class Convolution {

    private Convolution() {}

    /** {@code scipy.ndimage.convolve(image, kernel)}: flipped kernel, reflect borders, same size. */
    public static double[][] convolve(double[][] image, double[][] kernel) {
        return convolve(image, kernel, Border.REFLECT);
    }

    /** {@code scipy.ndimage.convolve(image, kernel, mode=...)} with {@code cval=0}. */
    public static double[][] convolve(double[][] image, double[][] kernel, Border border) {
        int kh = rows(kernel, "kernel");
        int kw = cols(kernel, "kernel");
        // convolve(k) at anchor c equals correlate(flip(k)) at anchor (k - 1 - c).
        return apply(image, Kernels.flip(kernel), kh - 1 - kh / 2, kw - 1 - kw / 2, border);
    }

    /** {@code scipy.ndimage.correlate(image, kernel)}: no flip, reflect borders, same size. */
    public static double[][] correlate(double[][] image, double[][] kernel) {
        return correlate(image, kernel, Border.REFLECT);
    }

    public static double[][] correlate(double[][] image, double[][] kernel, Border border) {
        int kh = rows(kernel, "kernel");
        int kw = cols(kernel, "kernel");
        return apply(image, kernel, kh / 2, kw / 2, border);
    }

    /** out[y][x] = Σ k[i][j] · in[y + i − ai][x + j − aj], outside pixels by {@code border}. */
    private static double[][] apply(double[][] image, double[][] k, int ai, int aj, Border border) {
        int h = rows(image, "image");
        int w = cols(image, "image");
        int kh = k.length;
        int kw = k[0].length;
        int[][] rowIndex = indexTable(h, kh, ai, border);
        int[][] colIndex = indexTable(w, kw, aj, border);
        double[][] out = new double[h][w];
        for (int y = 0; y < h; y++) {
            int[] ry = rowIndex[y];
            for (int x = 0; x < w; x++) {
                int[] cx = colIndex[x];
                double s = 0;
                for (int i = 0; i < kh; i++) {
                    if (ry[i] < 0) {
                        continue;
                    }
                    double[] src = image[ry[i]];
                    double[] ki = k[i];
                    for (int j = 0; j < kw; j++) {
                        if (cx[j] >= 0) {
                            s += ki[j] * src[cx[j]];
                        }
                    }
                }
                out[y][x] = s;
            }
        }
        return out;
    }

    /** table[p][i] = source index for output position p and kernel tap i (−1 = zero). */
    private static int[][] indexTable(int n, int taps, int anchor, Border border) {
        int[][] t = new int[n][taps];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < taps; i++) {
                t[p][i] = border.index(p + i - anchor, n);
            }
        }
        return t;
    }

    static int rows(double[][] a, String what) {
        if (a.length == 0 || a[0].length == 0) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return a.length;
    }

    static int cols(double[][] a, String what) {
        int w = a[0].length;
        for (int r = 0; r < a.length; r++) {
            if (a[r].length != w) {
                throw new IllegalArgumentException(
                        what + " is ragged: row " + r + " has " + a[r].length + " values, row 0 has " + w);
            }
        }
        return w;
    }
}
