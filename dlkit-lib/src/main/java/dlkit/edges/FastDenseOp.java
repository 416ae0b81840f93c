package dlkit.edges;

import org.deeplearning4j.nn.api.Layer;

/**
 * {@link EdgeFastPath}'s fully connected layer, {@code z = x·W + b} with DL4J's layout (W is [nIn, nOut]), followed
 * by a ReLU, or by nothing for the output layer (whose softmax and cross-entropy {@link EdgeFastPath} does). The inner
 * loops run along nOut, from index 0, so the JIT vectorises them.
 */
final class FastDenseOp extends FastOp {

    private final Layer layer;
    private final boolean relu;
    private final int nIn;
    private final int nOut;
    private final float[] weights;
    private final float[] bias;
    private final float[] dW;
    private final float[] db;
    private float[] input;
    private float[] out;

    FastDenseOp(Layer layer, boolean relu) {
        this.layer = layer;
        this.relu = relu;
        this.weights = read(layer.getParam("W"));
        this.bias = read(layer.getParam("b"));
        this.nOut = bias.length;
        this.nIn = weights.length / nOut;
        this.dW = new float[weights.length];
        this.db = new float[nOut];
    }

    int nIn() {
        return nIn;
    }

    @Override
    int outSize() {
        return nOut;
    }

    /*
     * HotSpot's C2 (JDK 17) vectorises a loop only when all its arrays are indexed from the same offset, so the
     * loops below work on separate per-example rows and on a copy of one weight row, all from index 0.
     */

    @Override
    float[] forward(float[] x, int n, boolean training) {
        float[][] rows = new float[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = bias.clone();
        }
        float[] wRow = new float[nOut];
        for (int i = 0; i < nIn; i++) {
            System.arraycopy(weights, i * nOut, wRow, 0, nOut);
            for (int r = 0; r < n; r++) {
                float xv = x[r * nIn + i];
                if (xv != 0) {
                    axpy(xv, wRow, rows[r]);
                }
            }
        }
        float[] z = new float[n * nOut];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows[r], 0, z, r * nOut, nOut);
        }
        if (relu) {
            relu(z);
        }
        if (training) {
            input = x;
            out = z;
        }
        return z;
    }

    @Override
    float[] backward(float[] dOut, int n, boolean needInput) {
        float[] d = relu ? reluBackward(dOut, out) : dOut;
        float[][] dRows = new float[n][nOut];
        java.util.Arrays.fill(db, 0);
        for (int r = 0; r < n; r++) {
            System.arraycopy(d, r * nOut, dRows[r], 0, nOut);
            for (int o = 0; o < nOut; o++) {
                db[o] += dRows[r][o];
            }
        }
        float[] gRow = new float[nOut];
        for (int i = 0; i < nIn; i++) {
            java.util.Arrays.fill(gRow, 0);
            for (int r = 0; r < n; r++) {
                float xv = input[r * nIn + i];
                if (xv != 0) {
                    axpy(xv, dRows[r], gRow);
                }
            }
            System.arraycopy(gRow, 0, dW, i * nOut, nOut);
        }
        if (!needInput) {
            return null;
        }
        float[] dx = new float[n * nIn];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < nIn; i++) {
                float s = 0;
                for (int o = 0; o < nOut; o++) {
                    s += weights[i * nOut + o] * d[r * nOut + o];
                }
                dx[r * nIn + i] = s;
            }
        }
        return dx;
    }

    /** {@code y[i] += a * x[i]}. */
    private static void axpy(float a, float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    @Override
    float[][] paramsAndGrads() {
        return new float[][] {weights, dW, bias, db};
    }

    @Override
    void writeBack() {
        write(weights, layer.getParam("W"));
        write(bias, layer.getParam("b"));
    }
}
