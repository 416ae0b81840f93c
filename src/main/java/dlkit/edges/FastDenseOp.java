package dlkit.edges;

import org.deeplearning4j.nn.api.Layer;

/**
 * {@link EdgeFastPath}'s fully connected layer, {@code z = x·W + b} with DL4J's layout (W is [nIn, nOut]), followed
 * by a ReLU, or by nothing for the output layer (whose softmax and cross-entropy {@link EdgeFastPath} does). The inner
 * loops run along nOut so the JIT vectorises them.
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

    @Override
    float[] forward(float[] x, int n, boolean training) {
        float[] z = new float[n * nOut];
        for (int r = 0; r < n; r++) {
            int zo = r * nOut;
            System.arraycopy(bias, 0, z, zo, nOut);
            for (int i = 0; i < nIn; i++) {
                float xv = x[r * nIn + i];
                if (xv != 0) {
                    int wo = i * nOut;
                    for (int o = 0; o < nOut; o++) {
                        z[zo + o] += xv * weights[wo + o];
                    }
                }
            }
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
        java.util.Arrays.fill(dW, 0);
        java.util.Arrays.fill(db, 0);
        for (int r = 0; r < n; r++) {
            int dO = r * nOut;
            for (int o = 0; o < nOut; o++) {
                db[o] += d[dO + o];
            }
            for (int i = 0; i < nIn; i++) {
                float xv = input[r * nIn + i];
                if (xv != 0) {
                    int wo = i * nOut;
                    for (int o = 0; o < nOut; o++) {
                        dW[wo + o] += xv * d[dO + o];
                    }
                }
            }
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
