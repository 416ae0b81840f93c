package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;

import dlkit.nn.SoftmaxCrossEntropy;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code OutputLayer} (dense with bias, softmax, multi-class cross-entropy) on the pooled features, in plain
 * Java (a few hundred thousand multiply-adds); the softmax and loss are {@link SoftmaxCrossEntropy}'s: DL4J's
 * gradient {@code p - y} per example, divided as the caller says, and the mean loss with DL4J's clipping of p.
 */
final class SoftmaxHead {
    private final Dnnl dnnl;
    private final Tensor x;
    private final int n;
    private final int features;
    private final int classes;
    private final FloatPointer w;
    private final long wRowStride;
    private final long wColStride;
    private final FloatPointer b;
    private final FloatPointer dw;
    private final FloatPointer db;
    private final FloatPointer featBuf;
    private final dnnl_memory featMem;
    private final dnnl_primitive toPlain;
    private final Tensor.Sink sink;
    private final dnnl_memory_desc_t plainMd;
    private final float[] feat;
    private final float[] wv;
    private final float[] bv;
    private final float[] logits;
    private final float[] delta;
    private final float[] dwv;
    private final float[] dbv;
    private final float[] dfeat;

    SoftmaxHead(Dnnl dnnl, Tensor x, INDArray weights, INDArray bias, INDArray dWeights, INDArray dBias) {
        this.dnnl = dnnl;
        this.x = x;
        this.n = (int) x.dims[0];
        this.features = (int) (x.dims[1] * x.dims[2] * x.dims[3]);
        this.classes = (int) weights.size(1);
        if (weights.size(0) != features
                || dWeights.stride(0) != weights.stride(0)
                || dWeights.stride(1) != weights.stride(1)) {
            throw new IllegalArgumentException(
                    "output layer expects " + weights.size(0) + " features, gets " + features);
        }
        wRowStride = weights.stride(0);
        wColStride = weights.stride(1);
        w = NativeArrays.floats(NativeArrays.address(weights, false), weights.length());
        b = NativeArrays.floats(NativeArrays.address(bias), classes);
        dw = NativeArrays.floats(NativeArrays.address(dWeights, false), dWeights.length());
        db = NativeArrays.floats(NativeArrays.address(dBias), classes);
        plainMd = Dnnl.md(dnnl_nchw, x.dims);
        featBuf = new FloatPointer((long) n * features);
        featMem = dnnl.memory(plainMd, featBuf);
        toPlain = dnnl.copy(x.md, plainMd);
        sink = x.sink(plainMd);
        feat = new float[n * features];
        wv = new float[(int) weights.length()];
        bv = new float[classes];
        logits = new float[n * classes];
        delta = new float[n * classes];
        dwv = new float[wv.length];
        dbv = new float[classes];
        dfeat = new float[n * features];
    }

    /**
     * Forward and loss gradient; returns the mean cross-entropy. {@code labels}: n × classes, row-major.
     * The loss gradient is divided by {@code gradDivisor} (n folds DL4J's division by the minibatch size in here).
     */
    double forward(float[] labels, int gradDivisor) {
        dnnl.reorder(toPlain, x.mem, featMem);
        featBuf.get(feat);
        w.get(wv);
        b.get(bv);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < classes; k++) {
                float s = bv[k];
                for (int c = 0; c < features; c++) {
                    s += feat[i * features + c] * wv[(int) (c * wRowStride + k * wColStride)];
                }
                logits[i * classes + k] = s;
            }
        }
        return SoftmaxCrossEntropy.lossAndGradient(logits, labels, n, classes, gradDivisor, delta, null);
    }

    /** Gradients of W and b into DL4J's views, and of the features into the pooled tensor's gradient. */
    void backward() {
        java.util.Arrays.fill(dwv, 0f);
        java.util.Arrays.fill(dbv, 0f);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < classes; k++) {
                float d = delta[i * classes + k];
                dbv[k] += d;
                for (int c = 0; c < features; c++) {
                    dwv[(int) (c * wRowStride + k * wColStride)] += feat[i * features + c] * d;
                }
            }
            for (int c = 0; c < features; c++) {
                float s = 0;
                for (int k = 0; k < classes; k++) {
                    s += delta[i * classes + k] * wv[(int) (c * wRowStride + k * wColStride)];
                }
                dfeat[i * features + c] = s;
            }
        }
        dw.put(dwv);
        db.put(dbv);
        dnnl_memory target = sink.target();
        NativeArrays.floats(Dnnl.handle(target), dfeat.length).put(dfeat);
        sink.commit(dnnl);
    }
}
