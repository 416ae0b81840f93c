package dlkit.edges;

import java.util.Arrays;

/**
 * Valid 2-D cross-correlation (stride 1) on row-major float arrays, with its two gradients: the arithmetic of
 * {@link FastConvLayer} and of {@link EdgeFastPath}'s convolutions. Shapes: input [n, c, h, w] (already padded),
 * weights [o, c, k, k], output [n, o, h-k+1, w-k+1].
 *
 * <pre>{@code
 * float[] y = FastConv.forward(x, new FastConv.Shape(n, c, h, w, o, k), weights, bias);
 * }</pre>
 *
 * <p>Why it is fast: one output plane is computed in a "wide" buffer whose rows have the input's width {@code w}
 * (the last k−1 columns of each row are junk and dropped). Then every kernel tap (ci, kh, kw) is a single run of
 * {@code (ho−1)·w + wo} consecutive multiply-adds between the wide plane and the input shifted by
 * {@code kh·w + kw}: long, branch-free loops that the JIT vectorises, instead of one short loop per image row.
 * All three passes walk the taps with {@link #forEachTap}; only the inner operation differs.
 */
final class FastConv {

    private FastConv() {
    }

    /** Input [n, c, h, w], weights [o, c, k, k]. */
    record Shape(int n, int c, int h, int w, int o, int k) {
        int ho() {
            return h - k + 1;
        }

        int wo() {
            return w - k + 1;
        }

        /** Length of the run of one tap in the wide plane: rows 0..ho-2 in full, the last row up to wo. */
        int span() {
            return (ho() - 1) * w + wo();
        }

        int outSize() {
            return n * o * ho() * wo();
        }
    }

    /** One kernel tap: weight index {@code wi} in [o, c, k, k], input offset of the tap's run. */
    private interface Tap {
        void at(int wi, int inOffset);
    }

    /** Visits the taps of output channel {@code f} for image {@code b}. */
    private static void forEachTap(Shape s, int b, int f, Tap tap) {
        int k = s.k();
        for (int ci = 0; ci < s.c(); ci++) {
            int ib = (b * s.c() + ci) * s.h() * s.w();
            int wb = (f * s.c() + ci) * k * k;
            for (int kh = 0; kh < k; kh++) {
                for (int kw = 0; kw < k; kw++) {
                    tap.at(wb + kh * k + kw, ib + kh * s.w() + kw);
                }
            }
        }
    }

    static float[] forward(float[] in, Shape s, float[] wt, float[] bias) {
        float[] out = new float[s.outSize()];
        float[] wide = new float[s.ho() * s.w()];
        int span = s.span();
        for (int b = 0; b < s.n(); b++) {
            for (int f = 0; f < s.o(); f++) {
                Arrays.fill(wide, bias[f]);
                forEachTap(s, b, f, (wi, off) -> axpy(wt[wi], in, off, wide, 0, span));
                narrow(wide, s, out, (b * s.o() + f) * s.ho() * s.wo());
            }
        }
        return out;
    }

    /** dL/dW into {@code dW} and dL/db into {@code db} (both overwritten) from the output gradient {@code d}. */
    static void filterGradient(float[] in, Shape s, float[] d, float[] dW, float[] db) {
        Arrays.fill(dW, 0);
        Arrays.fill(db, 0);
        float[] wide = new float[s.ho() * s.w()];
        int span = s.span();
        for (int b = 0; b < s.n(); b++) {
            for (int f = 0; f < s.o(); f++) {
                widen(d, (b * s.o() + f) * s.ho() * s.wo(), s, wide);
                db[f] += dot(wide, 0, wide.length, null, 0, true);
                forEachTap(s, b, f, (wi, off) -> dW[wi] += dot(wide, 0, span, in, off, false));
            }
        }
    }

    /** dL/dinput [n, c, h, w] from the output gradient {@code d}. */
    static float[] inputGradient(float[] d, Shape s, float[] wt) {
        float[] dx = new float[s.n() * s.c() * s.h() * s.w()];
        float[] wide = new float[s.ho() * s.w()];
        int span = s.span();
        for (int b = 0; b < s.n(); b++) {
            for (int f = 0; f < s.o(); f++) {
                widen(d, (b * s.o() + f) * s.ho() * s.wo(), s, wide);
                forEachTap(s, b, f, (wi, off) -> axpy(wt[wi], wide, 0, dx, off, span));
            }
        }
        return dx;
    }

    /** {@code y[yo + i] += a * x[xo + i]} for i < len. */
    private static void axpy(float a, float[] x, int xo, float[] y, int yo, int len) {
        for (int i = 0; i < len; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    /**
     * {@code Σ a[ao + i] * b[bo + i]} (or {@code Σ a[ao + i]} when {@code sumOnly}), with four partial sums so the
     * additions do not wait for each other.
     */
    private static float dot(float[] a, int ao, int len, float[] b, int bo, boolean sumOnly) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        if (sumOnly) {
            for (; i + 3 < len; i += 4) {
                s0 += a[ao + i];
                s1 += a[ao + i + 1];
                s2 += a[ao + i + 2];
                s3 += a[ao + i + 3];
            }
            for (; i < len; i++) {
                s0 += a[ao + i];
            }
        } else {
            for (; i + 3 < len; i += 4) {
                s0 += a[ao + i] * b[bo + i];
                s1 += a[ao + i + 1] * b[bo + i + 1];
                s2 += a[ao + i + 2] * b[bo + i + 2];
                s3 += a[ao + i + 3] * b[bo + i + 3];
            }
            for (; i < len; i++) {
                s0 += a[ao + i] * b[bo + i];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Copies the valid columns of a wide plane to [ho, wo] at {@code out[at]}. */
    private static void narrow(float[] wide, Shape s, float[] out, int at) {
        for (int y = 0; y < s.ho(); y++) {
            System.arraycopy(wide, y * s.w(), out, at + y * s.wo(), s.wo());
        }
    }

    /** The inverse of {@link #narrow}: [ho, wo] at {@code d[at]} into a wide plane with zero junk columns. */
    private static void widen(float[] d, int at, Shape s, float[] wide) {
        Arrays.fill(wide, 0);
        for (int y = 0; y < s.ho(); y++) {
            System.arraycopy(d, at + y * s.wo(), wide, y * s.w(), s.wo());
        }
    }
}
