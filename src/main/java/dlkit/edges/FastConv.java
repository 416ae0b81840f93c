package dlkit.edges;

/**
 * Valid 2-D cross-correlation (stride 1) on row-major float arrays, with its two gradients. Inner loops run along
 * image rows so the JIT can vectorise them. Shapes: input [n, c, h, w], weights [o, c, k, k], output
 * [n, o, h-k+1, w-k+1].
 */
final class FastConv {

    private FastConv() {
    }

    static float[] forward(float[] in, int n, int c, int h, int w, float[] wt, int o, int k, float[] bias) {
        int ho = h - k + 1;
        int wo = w - k + 1;
        float[] out = new float[n * o * ho * wo];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < o; f++) {
                int ob = (b * o + f) * ho * wo;
                java.util.Arrays.fill(out, ob, ob + ho * wo, bias[f]);
                for (int ci = 0; ci < c; ci++) {
                    int ib = (b * c + ci) * h * w;
                    int wb = (f * c + ci) * k * k;
                    for (int kh = 0; kh < k; kh++) {
                        for (int kw = 0; kw < k; kw++) {
                            float wv = wt[wb + kh * k + kw];
                            for (int y = 0; y < ho; y++) {
                                int orow = ob + y * wo;
                                int irow = ib + (y + kh) * w + kw;
                                for (int x = 0; x < wo; x++) {
                                    out[orow + x] += wv * in[irow + x];
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Accumulates dL/dW into {@code dW} and dL/db into {@code db} from the output gradient {@code d}. */
    static void filterGradient(float[] in, int n, int c, int h, int w, float[] d, int o, int k, float[] dW,
            float[] db) {
        int ho = h - k + 1;
        int wo = w - k + 1;
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < o; f++) {
                int db0 = (b * o + f) * ho * wo;
                float sum = 0;
                for (int i = 0; i < ho * wo; i++) {
                    sum += d[db0 + i];
                }
                db[f] += sum;
                for (int ci = 0; ci < c; ci++) {
                    int ib = (b * c + ci) * h * w;
                    int wb = (f * c + ci) * k * k;
                    for (int kh = 0; kh < k; kh++) {
                        for (int kw = 0; kw < k; kw++) {
                            float acc = 0;
                            for (int y = 0; y < ho; y++) {
                                int drow = db0 + y * wo;
                                int irow = ib + (y + kh) * w + kw;
                                for (int x = 0; x < wo; x++) {
                                    acc += d[drow + x] * in[irow + x];
                                }
                            }
                            dW[wb + kh * k + kw] += acc;
                        }
                    }
                }
            }
        }
    }

    /** dL/dinput [n, c, h, w] from the output gradient {@code d}. */
    static float[] inputGradient(float[] d, int n, int c, int h, int w, float[] wt, int o, int k) {
        int ho = h - k + 1;
        int wo = w - k + 1;
        float[] dx = new float[n * c * h * w];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < o; f++) {
                int db0 = (b * o + f) * ho * wo;
                for (int ci = 0; ci < c; ci++) {
                    int ib = (b * c + ci) * h * w;
                    int wb = (f * c + ci) * k * k;
                    for (int kh = 0; kh < k; kh++) {
                        for (int kw = 0; kw < k; kw++) {
                            float wv = wt[wb + kh * k + kw];
                            for (int y = 0; y < ho; y++) {
                                int drow = db0 + y * wo;
                                int irow = ib + (y + kh) * w + kw;
                                for (int x = 0; x < wo; x++) {
                                    dx[irow + x] += wv * d[drow + x];
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }
}
