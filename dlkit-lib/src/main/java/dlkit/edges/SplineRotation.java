package dlkit.edges;

/**
 * {@code scipy.ndimage.rotate(img, angle, reshape=False, order=3, mode="constant", cval=c)} for one 2-D image:
 * a cubic B-spline interpolation (with scipy's mirror-boundary spline prefilter) about the image centre, where
 * points that fall outside the input take the constant {@code cval}.
 *
 * <p>As in scipy, the output pixel (r, c) reads the input at
 * {@code (ctr + cos·(r − ctr) + sin·(c − ctr), ctr − sin·(r − ctr) + cos·(c − ctr))}. The cubic spline overshoots
 * next to sharp edges (values a little below the background and above the bar), which matters for the uint8
 * quantisation of {@link EdgeDetectionDataset}.
 */
final class SplineRotation {

    private static final double POLE = Math.sqrt(3) - 2;

    private SplineRotation() {}

    /** The image rotated by {@code degrees} (row 0 at the top), same size. */
    static double[][] rotate(double[][] img, double degrees, double cval) {
        int h = img.length;
        int w = img[0].length;
        double[][] coef = prefilter(img);
        double rad = Math.toRadians(degrees);
        double cos = cosDeg(degrees, rad);
        double sin = sinDeg(degrees, rad);
        double cr = (h - 1) / 2.0;
        double cc = (w - 1) / 2.0;
        double[][] out = new double[h][w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double y = cr + cos * (r - cr) + sin * (c - cc);
                double x = cc - sin * (r - cr) + cos * (c - cc);
                out[r][c] = inside(y, h) && inside(x, w) ? interpolate(coef, y, x) : cval;
            }
        }
        return out;
    }

    private static boolean inside(double v, int n) {
        return v >= -1e-9 && v <= n - 1 + 1e-9;
    }

    /** scipy's cosdg/sindg: exact at multiples of 90 degrees. */
    private static double cosDeg(double degrees, double rad) {
        double m = ((degrees % 360) + 360) % 360;
        return m == 90 || m == 270 ? 0 : m == 0 ? 1 : m == 180 ? -1 : Math.cos(rad);
    }

    private static double sinDeg(double degrees, double rad) {
        double m = ((degrees % 360) + 360) % 360;
        return m == 0 || m == 180 ? 0 : m == 90 ? 1 : m == 270 ? -1 : Math.sin(rad);
    }

    /** Cubic B-spline coefficients, rows then columns, mirror boundary (d c b | a b c d | c b a). */
    static double[][] prefilter(double[][] img) {
        int h = img.length;
        int w = img[0].length;
        double[][] c = new double[h][];
        for (int r = 0; r < h; r++) {
            c[r] = img[r].clone();
            filter1d(c[r]);
        }
        double[] col = new double[h];
        for (int x = 0; x < w; x++) {
            for (int r = 0; r < h; r++) {
                col[r] = c[r][x];
            }
            filter1d(col);
            for (int r = 0; r < h; r++) {
                c[r][x] = col[r];
            }
        }
        return c;
    }

    private static void filter1d(double[] s) {
        int n = s.length;
        if (n == 1) {
            return;
        }
        double z = POLE;
        for (int k = 0; k < n; k++) {
            s[k] *= 6;
        }
        // causal initialisation over the mirror-symmetric extension (period 2n - 2)
        double sum = s[0];
        double z2n = Math.pow(z, 2 * n - 2);
        double zk = z;
        for (int k = 1; k < n - 1; k++) {
            sum += (zk + z2n / zk) * s[k];
            zk *= z;
        }
        sum += zk * s[n - 1];
        s[0] = sum / (1 - z2n);
        for (int k = 1; k < n; k++) {
            s[k] += z * s[k - 1];
        }
        s[n - 1] = (z / (z * z - 1)) * (s[n - 1] + z * s[n - 2]);
        for (int k = n - 2; k >= 0; k--) {
            s[k] = z * (s[k + 1] - s[k]);
        }
    }

    private static double interpolate(double[][] coef, double y, double x) {
        int h = coef.length;
        int w = coef[0].length;
        int y0 = (int) Math.floor(y) - 1;
        int x0 = (int) Math.floor(x) - 1;
        double v = 0;
        for (int i = 0; i < 4; i++) {
            double wy = bspline3(y - (y0 + i));
            if (wy == 0) {
                continue;
            }
            double[] row = coef[mirror(y0 + i, h)];
            for (int j = 0; j < 4; j++) {
                v += wy * bspline3(x - (x0 + j)) * row[mirror(x0 + j, w)];
            }
        }
        return v;
    }

    private static double bspline3(double t) {
        double a = Math.abs(t);
        if (a < 1) {
            return 2.0 / 3 - a * a + a * a * a / 2;
        }
        if (a < 2) {
            double b = 2 - a;
            return b * b * b / 6;
        }
        return 0;
    }

    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
