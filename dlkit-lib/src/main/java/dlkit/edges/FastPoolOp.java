package dlkit.edges;

/**
 * {@link EdgeFastPath}'s pooling: 2×2 max or average pooling with stride 2 (odd sizes truncated, as DL4J's
 * {@code Truncate} mode), or the global average pool, on [n, c, h, w].
 */
final class FastPoolOp extends FastOp {

    enum Kind {
        MAX2,
        AVG2,
        GLOBAL_AVG
    }

    private final Kind kind;
    private final int c;
    private final int h;
    private final int w;
    /** For max pooling: the input index each output came from (the gradient goes there only). */
    private int[] argMax;

    FastPoolOp(Kind kind, int c, int h, int w) {
        this.kind = kind;
        this.c = c;
        this.h = h;
        this.w = w;
    }

    int outHeight() {
        return kind == Kind.GLOBAL_AVG ? 1 : h / 2;
    }

    int outWidth() {
        return kind == Kind.GLOBAL_AVG ? 1 : w / 2;
    }

    @Override
    int outSize() {
        return c * outHeight() * outWidth();
    }

    @Override
    float[] forward(float[] x, int n, boolean training) {
        if (kind == Kind.GLOBAL_AVG) {
            float[] out = new float[n * c];
            for (int m = 0; m < n * c; m++) {
                float s = 0;
                for (int i = m * h * w; i < (m + 1) * h * w; i++) {
                    s += x[i];
                }
                out[m] = s / (h * w);
            }
            return out;
        }
        int ho = h / 2;
        int wo = w / 2;
        float[] out = new float[n * c * ho * wo];
        int[] from = kind == Kind.MAX2 && training ? new int[out.length] : null;
        for (int m = 0; m < n * c; m++) {
            for (int y = 0; y < ho; y++) {
                for (int xo = 0; xo < wo; xo++) {
                    int i0 = m * h * w + 2 * y * w + 2 * xo;
                    int o = (m * ho + y) * wo + xo;
                    if (kind == Kind.AVG2) {
                        out[o] = (x[i0] + x[i0 + 1] + x[i0 + w] + x[i0 + w + 1]) / 4;
                    } else {
                        int best = i0;
                        best = x[i0 + 1] > x[best] ? i0 + 1 : best;
                        best = x[i0 + w] > x[best] ? i0 + w : best;
                        best = x[i0 + w + 1] > x[best] ? i0 + w + 1 : best;
                        out[o] = x[best];
                        if (from != null) {
                            from[o] = best;
                        }
                    }
                }
            }
        }
        if (training) {
            argMax = from;
        }
        return out;
    }

    @Override
    float[] backward(float[] dOut, int n, boolean needInput) {
        if (!needInput) {
            return null;
        }
        float[] dx = new float[n * c * h * w];
        if (kind == Kind.GLOBAL_AVG) {
            for (int m = 0; m < n * c; m++) {
                float g = dOut[m] / (h * w);
                java.util.Arrays.fill(dx, m * h * w, (m + 1) * h * w, g);
            }
        } else if (kind == Kind.MAX2) {
            for (int o = 0; o < dOut.length; o++) {
                dx[argMax[o]] += dOut[o];
            }
        } else {
            int ho = h / 2;
            int wo = w / 2;
            for (int m = 0; m < n * c; m++) {
                for (int y = 0; y < ho; y++) {
                    for (int xo = 0; xo < wo; xo++) {
                        float g = dOut[(m * ho + y) * wo + xo] / 4;
                        int i0 = m * h * w + 2 * y * w + 2 * xo;
                        dx[i0] += g;
                        dx[i0 + 1] += g;
                        dx[i0 + w] += g;
                        dx[i0 + w + 1] += g;
                    }
                }
            }
        }
        return dx;
    }
}
