package dlkit.edges;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One layer of {@link EdgeFastPath}: forward and backward on a batch held as one row-major float array
 * ([n, size of one example]). Layers with parameters keep float copies of the DL4J network's own {@code W} and
 * {@code b} and write them back on {@link #writeBack()}.
 */
abstract class FastOp {

    /** Values per example this layer outputs. */
    abstract int outSize();

    /** The output for {@code n} examples; when {@code training}, keeps what {@link #backward} needs. */
    abstract float[] forward(float[] x, int n, boolean training);

    /**
     * From the gradient of the output: sets the parameter gradients (when trainable) and returns the input's gradient
     * when {@code needInput} (else null). Uses the state of the last training {@link #forward}.
     */
    abstract float[] backward(float[] dOut, int n, boolean needInput);

    /** Parameter arrays and their gradients, pairwise (W, dW, b, db); empty when there is nothing to train. */
    float[][] paramsAndGrads() {
        return new float[0][];
    }

    /** Copies the parameters back into the network's arrays. */
    void writeBack() {}

    /** A float copy of a DL4J parameter, row-major whatever the array's ordering. */
    static float[] read(INDArray param) {
        return param.dup('c').data().asFloat();
    }

    static void write(float[] values, INDArray param) {
        param.assign(Nd4j.create(values, param.shape(), 'c').castTo(param.dataType()));
    }

    /** ReLU in place; returns {@code z}. */
    static float[] relu(float[] z) {
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.max(z[i], 0f);
        }
        return z;
    }

    /** {@code d ⊙ [a > 0]} in place, for a ReLU output {@code a} (DL4J: derivative 0 at 0). */
    static float[] reluBackward(float[] d, float[] a) {
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] > 0 ? d[i] : 0f;
        }
        return d;
    }
}
