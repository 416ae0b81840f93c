package dlkit.edges;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * PyTorch's {@code padding_mode='reflect'} for a DL4J convolution: an input pre-processor that pads the
 * [N, C, H, W] activations by {@code pad} pixels on every side, mirroring about the edge pixel without repeating it
 * ({@code d c b | a b c d | c b a}), so that the convolution after it runs with padding 0. The backward pass adds
 * the gradient of every padded pixel onto the pixel it copies.
 *
 * <pre>{@code
 * .inputPreProcessor(0, new ReflectPadding(3))   // before a 7x7 ConvolutionLayer with padding 0
 * }</pre>
 */
public final class ReflectPadding implements InputPreProcessor {

    private static final long serialVersionUID = 1L;

    private final int pad;

    public ReflectPadding(@JsonProperty("pad") int pad) {
        if (pad < 0) {
            throw new IllegalArgumentException("pad must be >= 0: " + pad);
        }
        this.pad = pad;
    }

    public int getPad() {
        return pad;
    }

    /** Where padded index {@code i} (0..n+2p-1) reads from in 0..n-1. */
    static int source(int i, int n, int pad) {
        int s = i - pad;
        if (s < 0) {
            s = -s;
        } else if (s >= n) {
            s = 2 * (n - 1) - s;
        }
        if (s < 0 || s >= n) {
            throw new IllegalArgumentException("reflect padding of " + pad + " needs a side > " + pad + ", got " + n);
        }
        return s;
    }

    /** Reflect-pads [N, C, H, W] (a plain array operation, also used by the tests). */
    public static INDArray pad(INDArray x, int pad) {
        long[] s = x.shape();
        int h = (int) s[2];
        int w = (int) s[3];
        float[] out = pad(floats(x), (int) (s[0] * s[1]), h, w, pad);
        return Nd4j.create(out, new long[] {s[0], s[1], h + 2L * pad, w + 2L * pad}, 'c')
                .castTo(x.dataType());
    }

    /** The backward pass of {@link #pad}: the [N, C, H+2p, W+2p] gradient folded back onto [N, C, H, W]. */
    public static INDArray unpad(INDArray grad, int pad) {
        long[] s = grad.shape();
        int h = (int) s[2] - 2 * pad;
        int w = (int) s[3] - 2 * pad;
        float[] out = unpad(floats(grad), (int) (s[0] * s[1]), h, w, pad);
        return Nd4j.create(out, new long[] {s[0], s[1], h, w}, 'c').castTo(grad.dataType());
    }

    /** {@link #pad} on a row-major float array of {@code planes} [h, w] planes. */
    static float[] pad(float[] in, int planes, int h, int w, int pad) {
        float[] out = new float[planes * (h + 2 * pad) * (w + 2 * pad)];
        walk(in, out, planes, h, w, pad, true);
        return out;
    }

    /** {@link #unpad} on a row-major float array of {@code planes} padded planes. */
    static float[] unpad(float[] grad, int planes, int h, int w, int pad) {
        float[] out = new float[planes * h * w];
        walk(out, grad, planes, h, w, pad, false);
        return out;
    }

    /**
     * The one loop of both directions: for every padded pixel, the source pixel it copies. Forward copies
     * {@code plain → padded}; backward adds {@code padded → plain} (a pixel copied several times gets every gradient).
     */
    private static void walk(float[] plain, float[] padded, int planes, int h, int w, int pad, boolean forward) {
        int ph = h + 2 * pad;
        int pw = w + 2 * pad;
        int[] cols = new int[pw];
        for (int j = 0; j < pw; j++) {
            cols[j] = source(j, w, pad);
        }
        for (int m = 0; m < planes; m++) {
            for (int i = 0; i < ph; i++) {
                int plainRow = m * h * w + source(i, h, pad) * w;
                int padRow = (m * ph + i) * pw;
                if (forward) {
                    for (int j = 0; j < pw; j++) {
                        padded[padRow + j] = plain[plainRow + cols[j]];
                    }
                } else {
                    for (int j = 0; j < pw; j++) {
                        plain[plainRow + cols[j]] += padded[padRow + j];
                    }
                }
            }
        }
    }

    private static float[] floats(INDArray x) {
        return x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (pad == 0) {
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, pad(input, pad));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (output == null) {
            return null; // nothing flows back through a frozen layer
        }
        if (pad == 0) {
            return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, output);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, unpad(output, pad));
    }

    @Override
    public InputPreProcessor clone() {
        return new ReflectPadding(pad);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("ReflectPadding needs convolutional input, got " + inputType);
        }
        return InputType.convolutional(c.getHeight() + 2L * pad, c.getWidth() + 2L * pad, c.getChannels());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(
            INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReflectPadding r && r.pad == pad;
    }

    @Override
    public int hashCode() {
        return pad;
    }

    @Override
    public String toString() {
        return "ReflectPadding(" + pad + ")";
    }
}
