package dlkit.edges;

import dlkit.nn.FastConvLayer;
import dlkit.nn.SgdMomentum;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The networks of the EdgeDetection homework as DL4J {@link MultiLayerNetwork}s taking [N, 1, 28, 28] images.
 *
 * <pre>{@code
 * MultiLayerNetwork cnn = EdgeModels.simpleCnn(7, 3, seed);       // SimpleCNN(kernel_size=7): 606 parameters
 * MultiLayerNetwork mlp = EdgeModels.threeLayerMlp(new int[] {50, 10}, 3);   // 39,793 parameters
 * EdgeModels.initWithEdgeDetectors(cnn);                          // init_conv_kernel_with_edge_detector
 * MultiLayerNetwork frozen = EdgeModels.freezeConv(cnn);          // freeze_conv_layer: a copy, convs frozen
 * }</pre>
 *
 * <p>As in the original: convolutions have stride 1 and {@code padding = (k-1)/2} in PyTorch's reflect mode
 * ({@link ReflectPadding} before a padding-0 {@link FastConvLayer}, a DL4J {@code ConvolutionLayer} computed with
 * direct loops; k = 2 pads nothing), every convolution is followed
 * by a ReLU, the head is a global average pool and one linear layer (softmax + cross-entropy, i.e.
 * {@code nn.CrossEntropyLoss}). Weights and biases start like PyTorch's defaults, U(−1/√fanIn, 1/√fanIn), drawn
 * from {@code seed}; the MLP always uses seed 7, like {@code torch.manual_seed(7)} in its constructor.
 * Layer indices: {@code simpleCnn} = [conv1, pool, conv2, gap, fc].
 */
public final class EdgeModels {

    /** Index of the first convolution in every CNN built here. */
    public static final int CONV1 = 0;
    /** Index of the second convolution in {@link #simpleCnn} and its variants. */
    public static final int CONV2 = 2;

    private EdgeModels() {}

    /** SimpleCNN: conv1 → ReLU → max-pool 2 → conv2 → ReLU → global average pool → linear; 3 filters. */
    public static MultiLayerNetwork simpleCnn(int kernelSize, int numClasses, long seed) {
        return build(new Spec(Kind.SIMPLE, 3, kernelSize, numClasses, PoolingType.MAX), false, seed);
    }

    /** SimpleCNN_avgpool: the same with a 2×2 average pool. */
    public static MultiLayerNetwork simpleCnnAvgPool(int kernelSize, int numClasses, long seed) {
        return build(new Spec(Kind.SIMPLE, 3, kernelSize, numClasses, PoolingType.AVG), false, seed);
    }

    /** WiderCNN: SimpleCNN with 6 filters per convolution (2,105 parameters for k = 7, 5 classes). */
    public static MultiLayerNetwork widerCnn(int kernelSize, int numClasses, long seed) {
        return build(new Spec(Kind.SIMPLE, 6, kernelSize, numClasses, PoolingType.MAX), false, seed);
    }

    /** DeeperCNN (Sp25): conv1 → conv2 → max-pool → conv3 → conv4 → GAP → linear, 3 filters (1,502 for k 7, 5 classes). */
    public static MultiLayerNetwork deeperCnn(int kernelSize, int numClasses, long seed) {
        return build(new Spec(Kind.DEEPER, 3, kernelSize, numClasses, PoolingType.MAX), false, seed);
    }

    /** ThreeLayerMLP: flatten → Linear(784, h0) → ReLU → Linear(h0, h1) → ReLU → Linear(h1, C); seed 7. */
    public static MultiLayerNetwork threeLayerMlp(int[] hiddenDims, int numClasses) {
        return threeLayerMlp(hiddenDims, numClasses, 7);
    }

    public static MultiLayerNetwork threeLayerMlp(int[] hiddenDims, int numClasses, long seed) {
        if (hiddenDims.length != 2) {
            throw new IllegalArgumentException("ThreeLayerMLP takes two hidden sizes");
        }
        MultiLayerConfiguration conf = base().list()
                .layer(new DenseLayer.Builder()
                        .nOut(hiddenDims[0])
                        .activation(Activation.RELU)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nOut(hiddenDims[1])
                        .activation(Activation.RELU)
                        .build())
                .layer(output(numClasses))
                .setInputType(InputType.convolutional(EdgeDetectionDataset.SIZE, EdgeDetectionDataset.SIZE, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        torchInit(net, seed);
        return net;
    }

    /** Trainable parameters ({@code count_parameters(model, only_trainable=True)}): frozen layers don't count. */
    public static long countParameters(MultiLayerNetwork net) {
        long n = 0;
        for (Layer l : net.getLayers()) {
            if (!(l instanceof org.deeplearning4j.nn.layers.FrozenLayer)) {
                n += l.numParams();
            }
        }
        return n;
    }

    /** A copy of the network's conv1 weights, [filters, 1, k, k]. */
    public static INDArray conv1Kernels(MultiLayerNetwork net) {
        return net.getLayer(CONV1).getParam("W").dup();
    }

    /** An independent copy (same configuration, same parameters): {@code deepcopy(model)}. */
    public static MultiLayerNetwork copy(MultiLayerNetwork net) {
        return net.clone();
    }

    /**
     * {@code init_conv_kernel_with_edge_detector}: conv1's three filters become a horizontal and a vertical edge
     * detector and a third kernel ({@link EdgeDetectors#forKernelSize}); conv2's filter o applies detector o to
     * every input channel; both biases are 0. Only for the 3-filter {@link #simpleCnn}s.
     */
    public static void initWithEdgeDetectors(MultiLayerNetwork net) {
        INDArray w1 = net.getLayer(CONV1).getParam("W");
        if (w1.size(0) != 3 || w1.size(1) != 1) {
            throw new IllegalArgumentException("edge-detector init needs conv1 with 1 input and 3 filters, got "
                    + java.util.Arrays.toString(w1.shape()));
        }
        int k = (int) w1.size(2);
        double[][] current = new double[k][k];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                current[r][c] = w1.getDouble(0, 0, r, c);
            }
        }
        double[][][] detectors = EdgeDetectors.forKernelSize(k, current);
        INDArray w2 = net.getLayer(CONV2).getParam("W");
        for (int o = 0; o < 3; o++) {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    w1.putScalar(new long[] {o, 0, r, c}, detectors[o][r][c]);
                    for (int i = 0; i < w2.size(1); i++) {
                        w2.putScalar(new long[] {o, i, r, c}, detectors[o][r][c]);
                    }
                }
            }
        }
        net.getLayer(CONV1).getParam("b").assign(0);
        net.getLayer(CONV2).getParam("b").assign(0);
    }

    /**
     * {@code freeze_conv_layer}: a network with the same parameters whose convolution layers are DL4J
     * {@link FrozenLayer}s (never updated; only the linear head trains). Works for the networks built here.
     */
    public static MultiLayerNetwork freezeConv(MultiLayerNetwork net) {
        Spec spec = specOf(net);
        MultiLayerNetwork frozen = build(spec, true, 0);
        frozen.setParams(net.params().dup());
        return frozen;
    }

    // ---------------------------------------------------------------------------------------------------------

    private enum Kind {
        SIMPLE,
        DEEPER
    }

    private record Spec(Kind kind, int filters, int kernelSize, int numClasses, PoolingType pooling) {}

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new SgdMomentum(1e-2, 0.9))
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE);
    }

    private static MultiLayerNetwork build(Spec s, boolean frozen, long seed) {
        if (s.kernelSize < 1) {
            throw new IllegalArgumentException("kernel size must be positive");
        }
        int pad = (s.kernelSize - 1) / 2;
        NeuralNetConfiguration.ListBuilder list = base().list();
        int index = 0;
        int convs = 0;
        int[] convsBeforePool = s.kind == Kind.DEEPER ? new int[] {2, 2} : new int[] {1, 1};
        for (int block = 0; block < 2; block++) {
            for (int j = 0; j < convsBeforePool[block]; j++) {
                ConvolutionLayer conv = new FastConvLayer(new ConvolutionLayer.Builder(s.kernelSize, s.kernelSize)
                        .nOut(s.filters)
                        .activation(Activation.RELU)
                        .name("conv" + (++convs)));
                list.layer(index, frozen ? new FrozenLayer(conv) : conv);
                if (pad > 0) {
                    list.inputPreProcessor(index, new ReflectPadding(pad));
                }
                index++;
            }
            if (block == 0) {
                list.layer(
                        index++,
                        new SubsamplingLayer.Builder(s.pooling)
                                .kernelSize(2, 2)
                                .stride(2, 2)
                                .convolutionMode(ConvolutionMode.Truncate)
                                .name("pool")
                                .build());
            }
        }
        list.layer(
                index++,
                new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build());
        list.layer(index, output(s.numClasses));
        list.setInputType(InputType.convolutional(EdgeDetectionDataset.SIZE, EdgeDetectionDataset.SIZE, 1));
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        torchInit(net, seed);
        return net;
    }

    /** Reads the architecture back from the layers (conv count, filters, kernel, classes, pooling). */
    private static Spec specOf(MultiLayerNetwork net) {
        int convs = 0;
        int filters = 0;
        int kernel = 0;
        PoolingType pooling = null;
        for (org.deeplearning4j.nn.conf.layers.Layer l : confLayers(net)) {
            if (l instanceof FrozenLayer f) {
                l = f.getLayer();
            }
            if (l instanceof ConvolutionLayer c) {
                convs++;
                filters = (int) c.getNOut();
                kernel = c.getKernelSize()[0];
            } else if (l instanceof SubsamplingLayer p) {
                pooling = p.getPoolingType();
            }
        }
        int classes = (int) net.getLayer(net.getnLayers() - 1).getParam("b").length();
        if ((convs != 2 && convs != 4) || pooling == null) {
            throw new IllegalArgumentException("freezeConv works on the CNNs built by EdgeModels");
        }
        return new Spec(convs == 4 ? Kind.DEEPER : Kind.SIMPLE, filters, kernel, classes, pooling);
    }

    private static java.util.List<org.deeplearning4j.nn.conf.layers.Layer> confLayers(MultiLayerNetwork net) {
        java.util.List<org.deeplearning4j.nn.conf.layers.Layer> out = new java.util.ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            out.add(net.getLayerWiseConfigurations().getConf(i).getLayer());
        }
        return out;
    }

    private static OutputLayer output(int numClasses) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(numClasses)
                .activation(Activation.SOFTMAX)
                .name("fc")
                .build();
    }

    /** PyTorch's default init for Linear and Conv2d: weights and biases U(−b, b), b = 1/√fanIn. */
    static void torchInit(MultiLayerNetwork net, long seed) {
        Random rng = new Random(seed);
        for (Layer l : net.getLayers()) {
            INDArray w = l.paramTable().get("W");
            if (w == null) {
                continue;
            }
            long fanIn = w.rank() == 4 ? w.size(1) * w.size(2) * w.size(3) : w.size(0);
            double bound = 1 / Math.sqrt(fanIn);
            fill(w, rng, bound);
            INDArray b = l.paramTable().get("b");
            if (b != null) {
                fill(b, rng, bound);
            }
        }
    }

    private static void fill(INDArray a, Random rng, double bound) {
        float[] v = new float[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        a.assign(org.nd4j.linalg.factory.Nd4j.create(v, a.shape(), a.ordering()));
    }
}
