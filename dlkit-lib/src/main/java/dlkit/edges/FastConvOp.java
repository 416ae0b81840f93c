package dlkit.edges;

import dlkit.nn.FastConv;
import dlkit.nn.FastConvLayer;
import org.deeplearning4j.nn.api.Layer;

/**
 * {@link EdgeFastPath}'s reflect-padded convolution + ReLU ({@link ReflectPadding} followed by a
 * {@link FastConvLayer}), computed by {@link FastConv}. A frozen layer computes no parameter gradients.
 */
final class FastConvOp extends FastOp {

    private final Layer layer;
    private final boolean frozen;
    private final int pad;
    private final int c;
    private final int h;
    private final int w;
    private final float[] weights;
    private final float[] bias;
    private final float[] dW;
    private final float[] db;
    private float[] padded;
    private float[] out;

    FastConvOp(Layer layer, boolean frozen, int pad, int c, int h, int w) {
        this.layer = layer;
        this.frozen = frozen;
        this.pad = pad;
        this.c = c;
        this.h = h;
        this.w = w;
        this.weights = read(layer.getParam("W"));
        this.bias = read(layer.getParam("b"));
        this.dW = new float[weights.length];
        this.db = new float[bias.length];
    }

    private FastConv.Shape shape(int n) {
        int k = (int) layer.getParam("W").size(2);
        return new FastConv.Shape(n, c, h + 2 * pad, w + 2 * pad, bias.length, k);
    }

    int channels() {
        return bias.length;
    }

    int outHeight() {
        return shape(1).ho();
    }

    int outWidth() {
        return shape(1).wo();
    }

    @Override
    int outSize() {
        FastConv.Shape s = shape(1);
        return s.o() * s.ho() * s.wo();
    }

    @Override
    float[] forward(float[] x, int n, boolean training) {
        float[] p = pad == 0 ? x : ReflectPadding.pad(x, n * c, h, w, pad);
        float[] a = relu(FastConv.forward(p, shape(n), weights, bias));
        if (training) {
            padded = p;
            out = a;
        }
        return a;
    }

    @Override
    float[] backward(float[] dOut, int n, boolean needInput) {
        FastConv.Shape s = shape(n);
        float[] d = reluBackward(dOut, out);
        if (!frozen) {
            FastConv.filterGradient(padded, s, d, dW, db);
        }
        if (!needInput) {
            return null;
        }
        float[] dp = FastConv.inputGradient(d, s, weights);
        return pad == 0 ? dp : ReflectPadding.unpad(dp, n * c, h, w, pad);
    }

    @Override
    float[][] paramsAndGrads() {
        return frozen ? new float[0][] : new float[][] {weights, dW, bias, db};
    }

    @Override
    void writeBack() {
        if (!frozen) {
            write(weights, layer.getParam("W"));
            write(bias, layer.getParam("b"));
        }
    }
}
