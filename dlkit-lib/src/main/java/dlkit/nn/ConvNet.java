package dlkit.nn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The small CNN of the dropout homework's part (I), for 3×32×32 images and 10 classes:
 * <pre>
 * conv 3→16 (3×3, same) → max-pool 2 → ReLU → dropout(p)
 * conv 16→32 (3×3, same) → max-pool 2 → ReLU → dropout(p)
 * flatten 32·8·8 = 2048 → linear 2048→10 → ReLU → log-softmax, cross-entropy loss
 * </pre>
 * As in the original, the logits pass through a ReLU before the softmax. {@code dropoutRate} is the probability of
 * dropping (PyTorch's {@code F.dropout(p=...)}); DL4J puts it on the next layer's input ({@link InputDropout}).
 * ReLU and max-pooling commute, so the ReLU is the convolution's activation. Weights start like PyTorch's
 * defaults, uniform in ±1/√fan_in ({@code WeightInit.UNIFORM}); biases start at 0 (PyTorch: uniform too). With
 * DL4J's He initialisation the ReLU on the logits often dies in the first steps under dropout 0.75 and the
 * network stays at chance.
 */
public final class ConvNet {

    private ConvNet() {}

    public static MultiLayerNetwork create(double dropoutRate, long seed) {
        InputDropout dropout = InputDropout.of(dropoutRate);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(Seeds.forConfig(seed))
                .dataType(DataType.FLOAT)
                .updater(new Sgd(1e-3))
                .weightInit(WeightInit.UNIFORM)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nIn(3)
                        .nOut(16)
                        .activation(Activation.RELU)
                        .build())
                .layer(maxPool())
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(32)
                        .activation(Activation.RELU)
                        .dropOut(dropout.toDl4j())
                        .build())
                .layer(maxPool())
                .layer(new DenseLayer.Builder()
                        .nOut(10)
                        .activation(Activation.RELU)
                        .dropOut(dropout.toDl4j())
                        .build())
                .layer(new LossLayer.Builder(LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(32, 32, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        Seeds.set(seed);
        net.init();
        return net;
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2)
                .stride(2, 2)
                .build();
    }
}
