package dlkit.image;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The same filtering done by a DL4J {@link ConvolutionLayer} with fixed weights: one input and one output
 * channel, no bias, identity activation, stride 1, {@link ConvolutionMode#Same} (zero padding, output the
 * input's size), in double precision.
 *
 * <p>A conv layer computes a cross-correlation, so the weights are set to the flipped kernel to get a true
 * convolution. DL4J's Same mode pads {@code (k - 1) / 2} before and the rest after, which is scipy's anchor
 * for odd and even kernels alike; so the result equals {@code Convolution.convolve(image, kernel,
 * Border.CONSTANT)}. It differs from scipy's default only near the borders, where the layer sees zeros
 * instead of reflected pixels.
 *
 * <pre>{@code
 * double[][] viaLayer = ConvLayerFilter.convolve(gray, Kernels.box(9));
 * }</pre>
 */
public final class ConvLayerFilter {

    private ConvLayerFilter() {}

    /** The network: a single conv layer for {@code h×w} gray images holding {@code kernel} (flipped). */
    public static MultiLayerNetwork network(int h, int w, double[][] kernel) {
        int kh = Convolution.rows(kernel, "kernel");
        int kw = Convolution.cols(kernel, "kernel");
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new ConvolutionLayer.Builder(kh, kw)
                        .nIn(1)
                        .nOut(1)
                        .stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same)
                        .hasBias(false)
                        .activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(h, w, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray weights =
                Nd4j.create(Kernels.flip(kernel)).reshape(1, 1, kh, kw).castTo(DataType.DOUBLE);
        net.getLayer(0).setParam("W", weights);
        return net;
    }

    /** Filters a gray image through the layer; returns the {@code h×w} output. */
    public static double[][] convolve(double[][] image, double[][] kernel) {
        int h = Convolution.rows(image, "image");
        int w = Convolution.cols(image, "image");
        MultiLayerNetwork net = network(h, w, kernel);
        INDArray in = Nd4j.create(image).castTo(DataType.DOUBLE).reshape(1, 1, h, w);
        INDArray out = net.output(in);
        return out.reshape(h, w).toDoubleMatrix();
    }
}
