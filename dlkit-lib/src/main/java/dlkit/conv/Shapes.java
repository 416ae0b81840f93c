package dlkit.conv;

/**
 * Output sizes and parameter counts of conv, pooling and fully connected layers (homework 3, Q2 and Q4).
 *
 * <pre>{@code
 * Shapes.convOutput(32, 3, 1, 1)      // 32: in + 2·pad − kernel, over stride, plus 1
 * Shapes.poolOutput(28, 2, 2)         // 14
 * Shapes.convParams(3, 1, 10)         // 100 = 3·3·1·10 weights + 10 biases
 * Shapes.fcParams(490, 3)             // 1473
 * }</pre>
 */
public final class Shapes {

    private Shapes() {}

    /** ⌊(in + 2·pad − kernel) / stride⌋ + 1 for one spatial dimension. */
    public static int convOutput(int in, int kernel, int pad, int stride) {
        if (kernel < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("need kernel >= 1, stride >= 1, pad >= 0; got kernel " + kernel
                    + ", stride " + stride + ", pad " + pad);
        }
        int span = in + 2 * pad - kernel;
        if (span < 0) {
            throw new IllegalArgumentException(
                    "kernel " + kernel + " is larger than the padded input " + (in + 2 * pad));
        }
        return span / stride + 1;
    }

    /** Pooling with no padding: ⌊(in − kernel) / stride⌋ + 1. */
    public static int poolOutput(int in, int kernel, int stride) {
        return convOutput(in, kernel, 0, stride);
    }

    /** Weights of a conv layer with {@code filters} filters of size {@code kernel × kernel × channelsIn}. */
    public static long convWeights(int kernel, int channelsIn, int filters) {
        return (long) kernel * kernel * channelsIn * filters;
    }

    /** Weights plus one bias per filter. */
    public static long convParams(int kernel, int channelsIn, int filters) {
        return convWeights(kernel, channelsIn, filters) + filters;
    }

    /** Weights plus biases of a fully connected layer. */
    public static long fcParams(long in, long out) {
        return in * out + out;
    }

    /**
     * The output shape {@code [n, c, h, w]} of a conv layer with {@code filters} square filters applied to an
     * input of shape {@code [n, c, h, w]}.
     */
    public static int[] convOutputShape(int[] nchw, int filters, int kernel, int stride, int pad) {
        if (nchw.length != 4) {
            throw new IllegalArgumentException("need an [n, c, h, w] shape, got " + nchw.length + " numbers");
        }
        return new int[] {
            nchw[0], filters, convOutput(nchw[2], kernel, pad, stride), convOutput(nchw[3], kernel, pad, stride)
        };
    }
}
