package dlkit.nn.resnet;

import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * What the two ResNet builders share, {@link ResNet} (torchvision's) and {@link CifarResNet} (the paper's CIFAR
 * nets): the settings (classes, input shape, seed, optimizer, data type), the graph's input and its head (global
 * average pooling → fully connected with bias → softmax, cross-entropy), and the build onto oneDNN. {@code B} is the
 * builder, which every setter returns.
 */
public abstract sealed class ResNetBuilder<B extends ResNetBuilder<B>> permits ResNet, CifarResNet {
    /** Name of the graph's input. */
    public static final String INPUT = "input";
    /** Name of the output layer (torchvision's {@code fc}). */
    public static final String OUTPUT = "fc";

    final int depth;
    int numClasses = 10;
    int channels = 3;
    int height;
    int width;
    long seed = 42;
    IUpdater updater;
    DataType dataType = DataType.FLOAT;

    ResNetBuilder(int depth, int size, IUpdater updater) {
        this.depth = depth;
        this.height = size;
        this.width = size;
        this.updater = updater;
    }

    @SuppressWarnings("unchecked") // B is the subclass itself (sealed: ResNet and CifarResNet)
    private B self() {
        return (B) this;
    }

    /** Classes of the head (default 10, like {@code num_classes=10}). */
    public B numClasses(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + n);
        }
        this.numClasses = n;
        return self();
    }

    /** Input channels (default 3). */
    public B channels(int c) {
        if (c < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + c);
        }
        this.channels = c;
        return self();
    }

    /** Input height and width (the defaults and the sizes each net accepts: see the builder). */
    public B inputSize(int height, int width) {
        checkInputSize(height, width);
        this.height = height;
        this.width = width;
        return self();
    }

    /** Throws IllegalArgumentException for an input size this net cannot take. */
    abstract void checkInputSize(int height, int width);

    /** Weight-initialisation seed (default 42). */
    public B seed(long s) {
        this.seed = s;
        return self();
    }

    /** The optimizer (the default: see the builder). */
    public B updater(IUpdater u) {
        this.updater = Objects.requireNonNull(u, "updater");
        return self();
    }

    /** Parameter data type (default FLOAT, as PyTorch's fp32; DOUBLE for gradient checks). */
    public B dataType(DataType t) {
        this.dataType = Objects.requireNonNull(t, "dataType");
        return self();
    }

    public int depth() {
        return depth;
    }

    public int numClasses() {
        return numClasses;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public IUpdater updater() {
        return updater;
    }

    /** The network's input type, {@code convolutional(height, width, channels)} (NCHW). */
    public InputType inputType() {
        return InputType.convolutional(height, width, channels);
    }

    /** "ResNet-20". */
    public String name() {
        return "ResNet-" + depth;
    }

    /** The configuration (no parameters allocated): enough for {@code getMemoryReport}. */
    public abstract ComputationGraphConfiguration conf();

    /**
     * Builds and initialises the network. On the oneDNN build of nd4j-native its convolutions and batch norms run on
     * oneDNN ({@link ResNetOneDnn}: the same math, several times faster training on the CPU than DL4J's layers).
     */
    public ComputationGraph build() {
        ComputationGraph net = new ComputationGraph(conf());
        net.init();
        ResNetOneDnn.attach(net, inputType());
        return net;
    }

    /** The configuration both nets start from: He initialisation, torchvision's explicit paddings. */
    NeuralNetConfiguration.Builder base(long configSeed) {
        return new NeuralNetConfiguration.Builder()
                .seed(configSeed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate);
    }

    /** A graph with this input. */
    GraphBuilder graph(NeuralNetConfiguration.Builder base) {
        return base.graphBuilder().addInputs(INPUT).setInputTypes(inputType());
    }

    /** The head on {@code features} channels of {@code input}; returns the finished configuration. */
    ComputationGraphConfiguration head(GraphBuilder g, String input, int features) {
        g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), input);
        g.addLayer(
                OUTPUT,
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(features)
                        .nOut(numClasses)
                        .activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER)
                        .hasBias(true)
                        .build(),
                "avgpool");
        g.setOutputs(OUTPUT);
        return g.build();
    }
}
