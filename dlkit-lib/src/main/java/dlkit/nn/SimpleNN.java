package dlkit.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The labs' SimpleNN for CIFAR-10 (3×32×32 images, 10 classes):
 * <pre>
 * CONV1 3→8 (5×5) → [BN] → act → max-pool 2      32 → 28 → 14
 * CONV2 8→16 (3×3) → [BN] → act → max-pool 2     14 → 12 → 6
 * flatten 16·6·6 = 576 → FC1 576→120 → act → FC2 120→84 → act → FC3 84→10, softmax + cross-entropy
 * </pre>
 * 600 + 1,152 + 69,120 + 10,080 + 840 = 81,792 weights (plus 238 biases).
 * <pre>{@code
 * MultiLayerNetwork net = SimpleNN.builder().seed(0).build();                       // Lab 1
 * MultiLayerNetwork bn  = SimpleNN.builder().batchNorm(true).seed(0).build();       // Lab 2 (b)
 * MultiLayerNetwork sw  = SimpleNN.builder().batchNorm(true).activation(swish).build();
 * MultiLayerNetwork l2  = SimpleNN.builder().l2(1e-4).build();                      // weight decay 1e-4
 * }</pre>
 * {@code batchNorm} puts a batch normalisation (PyTorch's {@code BatchNorm2d}: ε = 1e-5, momentum 0.1) after each
 * convolution, before its activation. {@code l2(λ)} is PyTorch's {@code weight_decay = λ} (λ·w added to the
 * gradient) and {@code l1(λ)} adds λ·sign(w), the gradient of λ·Σ|w|; both on the weights of the convolutions and
 * fully connected layers, not on biases or batch-norm parameters. Weights start like PyTorch's defaults, uniform in
 * ±1/√fan_in; biases at 0.
 */
public final class SimpleNN {

    /** Weights without biases: 600 + 1152 + 69120 + 10080 + 840. */
    public static final long WEIGHTS = 81_792;

    private boolean batchNorm;
    private IActivation activation = Activation.RELU.getActivationFunction();
    private double l2;
    private double l1;
    private long seed;

    private SimpleNN() {}

    public static SimpleNN builder() {
        return new SimpleNN();
    }

    /** A batch normalisation after each convolution. */
    public SimpleNN batchNorm(boolean batchNorm) {
        this.batchNorm = batchNorm;
        return this;
    }

    /** The activation of the hidden layers (default ReLU), e.g. a {@link CustomActivation}. */
    public SimpleNN activation(IActivation activation) {
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
        return this;
    }

    public SimpleNN activation(Activation activation) {
        return activation(activation.getActivationFunction());
    }

    /** L2 regularisation strength (PyTorch's {@code weight_decay}); 0 = none. */
    public SimpleNN l2(double l2) {
        this.l2 = nonNegative(l2, "l2");
        return this;
    }

    /** L1 regularisation strength; 0 = none. */
    public SimpleNN l1(double l1) {
        this.l1 = nonNegative(l1, "l1");
        return this;
    }

    public SimpleNN seed(long seed) {
        this.seed = seed;
        return this;
    }

    public MultiLayerNetwork build() {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(Seeds.forConfig(seed))
                .dataType(DataType.FLOAT)
                // The direct-loop convolution keeps arrays across calls; DL4J's workspaces would recycle them.
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .updater(new Sgd(1e-2))
                .weightInit(WeightInit.UNIFORM)
                .l2(l2)
                .l1(l1)
                .list();
        list.layer(conv(new ConvolutionLayer.Builder(5, 5)
                .name("CONV1")
                .nIn(3)
                .nOut(8)
                .activation(batchNorm ? Activation.IDENTITY.getActivationFunction() : activation)));
        if (batchNorm) {
            list.layer(bn("BN1"))
                    .layer(new ActivationLayer.Builder().activation(activation).build());
        }
        list.layer(maxPool());
        list.layer(conv(new ConvolutionLayer.Builder(3, 3)
                .name("CONV2")
                .nOut(16)
                .activation(batchNorm ? Activation.IDENTITY.getActivationFunction() : activation)));
        if (batchNorm) {
            list.layer(bn("BN2"))
                    .layer(new ActivationLayer.Builder().activation(activation).build());
        }
        list.layer(maxPool())
                .layer(new DenseLayer.Builder()
                        .name("FC1")
                        .nOut(120)
                        .activation(activation)
                        .build())
                .layer(new DenseLayer.Builder()
                        .name("FC2")
                        .nOut(84)
                        .activation(activation)
                        .build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .name("FC3")
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(32, 32, 3));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        Seeds.set(seed);
        net.init();
        return net;
    }

    private static BatchNormalization bn(String name) {
        // DL4J's decay is the weight of the old running mean: PyTorch's momentum 0.1 is decay 0.9.
        return new BatchNormalization.Builder().name(name).eps(1e-5).decay(0.9).build();
    }

    /**
     * A valid (no padding), stride-1 convolution computed by direct loops ({@link FastConvLayer}):
     * the same parameters and arithmetic as DL4J's {@code ConvolutionLayer}, but DL4J's im2col path costs about
     * ten times more on a small CPU for these small networks.
     */
    static ConvolutionLayer conv(ConvolutionLayer.Builder builder) {
        return new FastConvLayer(builder);
    }

    static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2)
                .stride(2, 2)
                .build();
    }

    private static double nonNegative(double v, String what) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + v);
        }
        return v;
    }
}
