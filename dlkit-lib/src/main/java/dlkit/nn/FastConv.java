package dlkit.nn;

import java.util.Arrays;

/**
 * Valid 2-D cross-correlation (stride 1) on row-major float arrays, with its two gradients: the arithmetic of
 * {@link FastConvLayer} and of {@link dlkit.edges.EdgeFastPath}'s convolutions. Shapes: input [n, c, h, w] (already padded),
 * weights [o, c, k, k], output [n, o, h-k+1, w-k+1].
 *
 * <pre>{@code
 * float[] y = FastConv.forward(x, new FastConv.Shape(n, c, h, w, o, k), weights, bias);
 * }</pre>
 *
 * <p>Why it is fast: output planes are computed "wide", with rows as long as the input's (the last k−1 columns of
 * each row are junk and dropped), and the planes of the whole batch lie end to end. Then one kernel tap (ci, kh, kw)
 * of one filter is a single multiply-add over the whole batch between the wide output and a copy of the input
 * shifted by {@code kh·w + kw} ({@link #shifted}). Both arrays start at index 0: HotSpot's C2 (JDK 17) vectorises
 * such loops only when all arrays are accessed at the same offset, so the copy (a fast {@code arraycopy}) buys
 * 8–16× on the arithmetic. The filter gradient uses the same copies with vectorised multiply-adds and sums ({@link #sum}), and
 * the input gradient is the forward pass of the zero-padded output gradient with the flipped kernels.
 */
public final class FastConv {

    private FastConv() {}

    /** Input [n, c, h, w], weights [o, c, k, k]. */
    public record Shape(int n, int c, int h, int w, int o, int k) {
        public int ho() {
            return h - k + 1;
        }

        public int wo() {
            return w - k + 1;
        }

        /** Length of one wide output plane (ho rows of the input's width w). */
        public int plane() {
            return ho() * w;
        }

        /** The part of a wide plane one tap reaches without leaving its input plane: up to the last valid column. */
        public int span() {
            return (ho() - 1) * w + wo();
        }

        public int outSize() {
            return n * o * ho() * wo();
        }
    }

    public static float[] forward(float[] in, Shape s, float[] wt, float[] bias) {
        int total = s.n() * s.plane();
        float[][] wide = new float[s.o()][total];
        for (int f = 0; f < s.o(); f++) {
            Arrays.fill(wide[f], bias[f]);
        }
        float[] col = new float[total];
        int k = s.k();
        for (int ci = 0; ci < s.c(); ci++) {
            for (int kh = 0; kh < k; kh++) {
                for (int kw = 0; kw < k; kw++) {
                    shifted(in, s, ci, kh * s.w() + kw, col);
                    for (int f = 0; f < s.o(); f++) {
                        axpy(wt[((f * s.c() + ci) * k + kh) * k + kw], col, wide[f], total);
                    }
                }
            }
        }
        float[] out = new float[s.outSize()];
        for (int b = 0; b < s.n(); b++) {
            for (int f = 0; f < s.o(); f++) {
                for (int y = 0; y < s.ho(); y++) {
                    System.arraycopy(
                            wide[f], b * s.plane() + y * s.w(), out, ((b * s.o() + f) * s.ho() + y) * s.wo(), s.wo());
                }
            }
        }
        return out;
    }

    /**
     * dL/dW into {@code dW} and dL/db into {@code db} (both overwritten) from the output gradient {@code d}. Each
     * weight's gradient is a dot product over the batch; per image, the products are added onto one plane-sized
     * array (all arrays from index 0, so this vectorises), and only that plane is summed at the end.
     */
    public static void filterGradient(float[] in, Shape s, float[] d, float[] dW, float[] db) {
        int plane = s.plane();
        int k = s.k();
        float[][][] wide = new float[s.o()][s.n()][plane]; // d per filter and image, wide layout, junk columns 0
        float[] t = new float[plane];
        float[] u = new float[plane];
        for (int f = 0; f < s.o(); f++) {
            Arrays.fill(t, 0);
            for (int b = 0; b < s.n(); b++) {
                for (int y = 0; y < s.ho(); y++) {
                    System.arraycopy(d, ((b * s.o() + f) * s.ho() + y) * s.wo(), wide[f][b], y * s.w(), s.wo());
                }
                axpy(1f, wide[f][b], t, plane);
            }
            db[f] = sum(t, plane, u);
        }
        float[][] cols = new float[s.n()][plane]; // shifted input per image; the part past span stays 0
        for (int ci = 0; ci < s.c(); ci++) {
            for (int kh = 0; kh < k; kh++) {
                for (int kw = 0; kw < k; kw++) {
                    for (int b = 0; b < s.n(); b++) {
                        System.arraycopy(in, (b * s.c() + ci) * s.h() * s.w() + kh * s.w() + kw, cols[b], 0, s.span());
                    }
                    for (int f = 0; f < s.o(); f++) {
                        Arrays.fill(t, 0);
                        for (int b = 0; b < s.n(); b++) {
                            multiplyAdd(wide[f][b], cols[b], t, plane);
                        }
                        dW[((f * s.c() + ci) * k + kh) * k + kw] = sum(t, plane, u);
                    }
                }
            }
        }
    }

    /**
     * dL/dinput [n, c, h, w] from the output gradient {@code d}: a full convolution, computed as the forward pass
     * of {@code d} zero-padded by k−1 with the kernels flipped and their in/out channels swapped.
     */
    public static float[] inputGradient(float[] d, Shape s, float[] wt) {
        int k = s.k();
        int ph = s.ho() + 2 * (k - 1);
        int pw = s.wo() + 2 * (k - 1);
        float[] padded = new float[s.n() * s.o() * ph * pw];
        for (int m = 0; m < s.n() * s.o(); m++) {
            for (int y = 0; y < s.ho(); y++) {
                System.arraycopy(d, (m * s.ho() + y) * s.wo(), padded, (m * ph + y + k - 1) * pw + k - 1, s.wo());
            }
        }
        float[] flipped = new float[wt.length];
        for (int f = 0; f < s.o(); f++) {
            for (int ci = 0; ci < s.c(); ci++) {
                for (int t = 0; t < k * k; t++) {
                    flipped[(ci * s.o() + f) * k * k + t] = wt[(f * s.c() + ci) * k * k + k * k - 1 - t];
                }
            }
        }
        return forward(padded, new Shape(s.n(), s.o(), ph, pw, s.c(), k), flipped, new float[s.c()]);
    }

    /**
     * The input of channel {@code ci} shifted by {@code offset}, image after image in wide planes:
     * {@code col[b·plane + i] = in[b, ci][offset + i]} for i < span; the rest of each plane is 0.
     */
    private static void shifted(float[] in, Shape s, int ci, int offset, float[] col) {
        int span = s.span();
        for (int b = 0; b < s.n(); b++) {
            int at = b * s.plane();
            System.arraycopy(in, (b * s.c() + ci) * s.h() * s.w() + offset, col, at, span);
            Arrays.fill(col, at + span, at + s.plane(), 0f);
        }
    }

    /** {@code y[i] += a * x[i]}: both from index 0, so it vectorises. */
    private static void axpy(float a, float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] += a * x[i];
        }
    }

    /** {@code t[i] += a[i]·b[i]}. */
    private static void multiplyAdd(float[] a, float[] b, float[] t, int len) {
        for (int i = 0; i < len; i++) {
            t[i] += a[i] * b[i];
        }
    }

    /**
     * {@code Σ t[i]} for i < len (destroys {@code t}): halves the array repeatedly, adding the upper half (copied to
     * {@code u}, so both loops start at 0 and vectorise) onto the lower one. A plain loop would be one scalar
     * add after another.
     */
    private static float sum(float[] t, int len, float[] u) {
        while (len > 32) {
            int half = len >> 1;
            if ((len & 1) != 0) {
                t[0] += t[len - 1];
            }
            System.arraycopy(t, half, u, 0, half);
            for (int i = 0; i < half; i++) {
                t[i] += u[i];
            }
            len = half;
        }
        float s = 0;
        for (int i = 0; i < len; i++) {
            s += t[i];
        }
        return s;
    }
}
