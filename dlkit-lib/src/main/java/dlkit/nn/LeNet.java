package dlkit.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The PyTorch CIFAR-10 tutorial's classifier ({@code class Net}, PSET4), for 32×32 images:
 * <pre>
 * conv1 C→6 (5×5) → ReLU → max-pool 2     32 → 28 → 14
 * conv2 6→16 (5×5) → ReLU → max-pool 2    14 → 10 → 5
 * flatten 16·5·5 = 400 → fc1 400→120 → ReLU → fc2 120→84 → ReLU → fc3 84→10, softmax + cross-entropy
 * </pre>
 * <pre>{@code
 * MultiLayerNetwork net = LeNet.create(3, 7);    // RGB; LeNet.create(1, 7) for grayscale images
 * }</pre>
 * Weights start like PyTorch's defaults, uniform in ±1/√fan_in; biases at 0. The softmax is part of the output
 * layer, so the network outputs probabilities and its loss is PyTorch's {@code CrossEntropyLoss} on the logits.
 * The optimizer is the {@link Trainer}'s, or whatever is set before {@code fit}.
 */
public final class LeNet {

    private LeNet() {}

    /** The network for {@code channels}-channel 32×32 images (3 = RGB, 1 = grayscale), seeded. */
    public static MultiLayerNetwork create(int channels, long seed) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(Seeds.forConfig(seed))
                .dataType(DataType.FLOAT)
                // The direct-loop convolution keeps arrays across calls; DL4J's workspaces would recycle them.
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .updater(new Sgd(1e-3))
                .weightInit(WeightInit.UNIFORM)
                .list()
                .layer(SimpleNN.conv(new ConvolutionLayer.Builder(5, 5)
                        .name("conv1")
                        .nIn(channels)
                        .nOut(6)
                        .activation(Activation.RELU)))
                .layer(SimpleNN.maxPool())
                .layer(SimpleNN.conv(new ConvolutionLayer.Builder(5, 5)
                        .name("conv2")
                        .nOut(16)
                        .activation(Activation.RELU)))
                .layer(SimpleNN.maxPool())
                .layer(new DenseLayer.Builder()
                        .name("fc1")
                        .nOut(120)
                        .activation(Activation.RELU)
                        .build())
                .layer(new DenseLayer.Builder()
                        .name("fc2")
                        .nOut(84)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .name("fc3")
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(32, 32, channels))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        Seeds.set(seed);
        net.init();
        return net;
    }
}
