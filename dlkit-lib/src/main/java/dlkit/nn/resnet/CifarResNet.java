package dlkit.nn.resnet;

import dlkit.nn.Seeds;
import dlkit.nn.SgdMomentum;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * The CIFAR-10 ResNets of He et al., <i>Deep Residual Learning for Image Recognition</i> (CVPR 2016), §4.2, as DL4J
 * {@link ComputationGraph}s: ResNet-20, 32, 44, 56 (depth {@code 6n + 2}).
 *
 * <ul>
 *   <li>3×3 conv, 16 filters → BN → ReLU (32×32);</li>
 *   <li>three stages of {@code n} BasicBlocks with 16, 32, 64 filters on 32×32, 16×16, 8×8 maps; the first block of
 *       stages 2 and 3 has stride 2. BasicBlock: 3×3 conv → BN → ReLU → 3×3 conv → BN, + shortcut, ReLU;</li>
 *   <li>global average pooling → fully connected 64 → classes (with bias) → softmax, cross-entropy.</li>
 * </ul>
 *
 * <p><b>Shortcuts.</b> The paper uses option A on CIFAR ("we use identity shortcuts in all cases"): where the shape
 * changes, the shortcut takes every second pixel (stride 2) and pads the missing channels with zeros, so it has no
 * parameters. That gives ResNet-20 269,722 trainable parameters (the paper's "0.27M"; 32/44/56: 464,154 / 658,586 /
 * 853,018, the paper's 0.46M / 0.66M / 0.85M). Here it is built from DL4J's own vertices, exactly as the original
 * Torch code ({@code fb.resnet.torch}, shortcutType A) builds it: a 1×1 pooling with stride 2 (which just picks pixel
 * (2i, 2j)), concatenated along channels with itself times zero ({@code [x, 0·x]}: input channels first, zeros after).
 * Option B ({@link Shortcut#B_PROJECTION}: a 1×1 conv with stride 2 + BN where the shape changes) adds 2,752
 * parameters to ResNet-20 (272,474).
 *
 * <p>Training defaults follow the paper: SGD with momentum 0.9 (PyTorch's rule, {@link SgdMomentum}), learning rate
 * 0.1, weight decay 1e-4 as an L2 term on the gradient (PyTorch's {@code weight_decay}; DL4J applies it to conv and
 * FC weights and the FC bias, not to BN's γ and β), He initialisation ({@link WeightInit#RELU}). BN uses ε = 1e-5
 * and PyTorch's momentum 0.1 (DL4J's decay 0.9).
 *
 * <pre>{@code
 * ComputationGraph net = CifarResNet.resnet20(10, 42);          // option A, SGD momentum 0.9, lr 0.1, wd 1e-4
 * ParamCounts.of(net).trainable();                               // 269,722
 * ComputationGraph r56 = CifarResNet.of(56).shortcut(CifarResNet.Shortcut.B_PROJECTION).build();
 * }</pre>
 */
public final class CifarResNet extends ResNetBuilder<CifarResNet> {

    /** The paper's shortcut options for the blocks where the number of channels doubles. */
    public enum Shortcut {
        /** Option A: identity with stride-2 subsampling and zero-padded channels; no parameters (the paper's choice). */
        A_ZERO_PAD,
        /** Option B: projection, a 1×1 conv with stride 2 (no bias) + BN; identity elsewhere. */
        B_PROJECTION
    }

    /**
     * Adds one residual block to a graph and returns the name of its output vertex. {@link #basicBlock} is the
     * paper's; a notebook can pass its own to {@link #block(Block)}.
     */
    @FunctionalInterface
    public interface Block {
        String add(GraphBuilder g, String name, String input, int inPlanes, int planes, int stride, Shortcut shortcut);
    }

    /** Channels of the three stages. */
    public static final int[] WIDTHS = {16, 32, 64};

    private Shortcut shortcut = Shortcut.A_ZERO_PAD;
    private double weightDecay = 1e-4;
    private Block block = CifarResNet::basicBlock;

    /** 32×32 inputs and the paper's optimizer, {@code SgdMomentum(0.1, 0.9)}, unless set. */
    private CifarResNet(int depth) {
        super(depth, 32, new SgdMomentum(0.1, 0.9));
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException(
                    "a CIFAR ResNet has depth 6n+2 (20, 32, 44, 56, 110, ...), not " + depth);
        }
    }

    /** A builder for the CIFAR ResNet of the given depth ({@code 6n + 2}: 20, 32, 44, 56, 110). */
    public static CifarResNet of(int depth) {
        return new CifarResNet(depth);
    }

    /** ResNet-20 (n = 3) with option-A shortcuts and the paper's optimizer, initialised with {@code seed}. */
    public static ComputationGraph resnet20(int numClasses, long seed) {
        return of(20).numClasses(numClasses).seed(seed).build();
    }

    public static ComputationGraph resnet32(int numClasses, long seed) {
        return of(32).numClasses(numClasses).seed(seed).build();
    }

    public static ComputationGraph resnet44(int numClasses, long seed) {
        return of(44).numClasses(numClasses).seed(seed).build();
    }

    public static ComputationGraph resnet56(int numClasses, long seed) {
        return of(56).numClasses(numClasses).seed(seed).build();
    }

    /** Default 32×32; each must be divisible by 4 for the two stride-2 stages. */
    @Override
    void checkInputSize(int height, int width) {
        if (height < 4 || width < 4 || height % 4 != 0 || width % 4 != 0) {
            throw new IllegalArgumentException(
                    "input size must be a multiple of 4 (e.g. 32x32), got " + height + "x" + width);
        }
    }

    public CifarResNet shortcut(Shortcut s) {
        this.shortcut = Objects.requireNonNull(s, "shortcut");
        return this;
    }

    /** L2 weight decay added to the gradient (default 1e-4, the paper's; 0 turns it off). */
    public CifarResNet weightDecay(double wd) {
        if (wd < 0 || Double.isNaN(wd)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + wd);
        }
        this.weightDecay = wd;
        return this;
    }

    /** The residual block used in every stage (default {@link #basicBlock}). */
    public CifarResNet block(Block b) {
        this.block = Objects.requireNonNull(b, "block");
        return this;
    }

    /** Blocks per stage: {@code (depth − 2) / 6}. */
    public int blocksPerStage() {
        return (depth - 2) / 6;
    }

    public Shortcut shortcut() {
        return shortcut;
    }

    /** The configuration (nothing allocated); the seed goes through {@link Seeds#forConfig} (0 is a seed too). */
    @Override
    public ComputationGraphConfiguration conf() {
        NeuralNetConfiguration.Builder nn = base(Seeds.forConfig(seed));
        if (weightDecay > 0) {
            nn.l2(weightDecay).l2Bias(weightDecay);
        }
        GraphBuilder g = graph(nn);
        g.addLayer("conv1", conv3x3(WIDTHS[0], 1), INPUT);
        g.addLayer("bn1", bn(), "conv1");
        g.addLayer("relu", relu(), "bn1");
        String prev = "relu";
        int inPlanes = WIDTHS[0];
        for (int stage = 0; stage < 3; stage++) {
            int planes = WIDTHS[stage];
            for (int b = 0; b < blocksPerStage(); b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                prev = block.add(g, "layer" + (stage + 1) + "." + b, prev, inPlanes, planes, stride, shortcut);
                inPlanes = planes;
            }
        }
        return head(g, prev, WIDTHS[2]);
    }

    /**
     * The paper's BasicBlock: {@code name.conv1} (3×3, stride) → {@code name.bn1} → {@code name.relu1} →
     * {@code name.conv2} (3×3) → {@code name.bn2}, plus {@link #shortcut}, then {@code name.relu}, which it returns.
     */
    public static String basicBlock(
            GraphBuilder g, String name, String input, int inPlanes, int planes, int stride, Shortcut shortcut) {
        g.addLayer(name + ".conv1", conv3x3(planes, stride), input);
        g.addLayer(name + ".bn1", bn(), name + ".conv1");
        g.addLayer(name + ".relu1", relu(), name + ".bn1");
        g.addLayer(name + ".conv2", conv3x3(planes, 1), name + ".relu1");
        g.addLayer(name + ".bn2", bn(), name + ".conv2");
        String sc = shortcut(g, name, input, inPlanes, planes, stride, shortcut);
        g.addVertex(name + ".add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + ".bn2", sc);
        g.addLayer(name + ".relu", relu(), name + ".add");
        return name + ".relu";
    }

    /**
     * The shortcut of block {@code name}: {@code input} itself when the shape stays; otherwise option A (vertices
     * {@code name.shortcut.subsample}, {@code .zeros}, {@code .pad}: every second pixel, channels zero-padded from
     * {@code inPlanes} to {@code planes = 2·inPlanes}) or option B ({@code name.shortcut.conv}, {@code .bn}).
     * Returns the name of the vertex to add to the block's main path.
     */
    public static String shortcut(
            GraphBuilder g, String name, String input, int inPlanes, int planes, int stride, Shortcut shortcut) {
        if (stride == 1 && inPlanes == planes) {
            return input;
        }
        String n = name + ".shortcut";
        if (shortcut == Shortcut.B_PROJECTION) {
            g.addLayer(
                    n + ".conv",
                    new ConvolutionLayer.Builder(1, 1)
                            .stride(stride, stride)
                            .nOut(planes)
                            .hasBias(false)
                            .activation(Activation.IDENTITY)
                            .build(),
                    input);
            g.addLayer(n + ".bn", bn(), n + ".conv");
            return n + ".bn";
        }
        if (planes != 2 * inPlanes) {
            throw new IllegalArgumentException("option A pads " + inPlanes
                    + " channels with as many zeros, so it needs " + "planes = 2 x inPlanes; got " + inPlanes + " -> "
                    + planes + " (use Shortcut.B_PROJECTION)");
        }
        // A 1x1 max pool with stride s outputs x[:, :, s*i, s*j]: the paper's "performed with a stride of 2".
        g.addLayer(
                n + ".subsample",
                new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(1, 1)
                        .stride(stride, stride)
                        .build(),
                input);
        g.addVertex(n + ".zeros", new ScaleVertex(0.0), n + ".subsample");
        g.addVertex(n + ".pad", new MergeVertex(), n + ".subsample", n + ".zeros");
        return n + ".pad";
    }

    /** A 3×3 convolution with padding 1 and no bias (BN follows), {@code nOut} filters. */
    public static ConvolutionLayer conv3x3(int nOut, int stride) {
        return conv(3, stride, nOut);
    }

    /**
     * A {@code k}×{@code k} convolution padded by {@code k / 2} (torchvision's 7×7 stem, 3×3 and 1×1 convolutions),
     * no bias (BN follows), {@code nOut} filters.
     */
    public static ConvolutionLayer conv(int k, int stride, int nOut) {
        return new ConvolutionLayer.Builder(k, k)
                .stride(stride, stride)
                .padding(k / 2, k / 2)
                .nOut(nOut)
                .hasBias(false)
                .activation(Activation.IDENTITY)
                .build();
    }

    /**
     * Batch normalisation as PyTorch's {@code BatchNorm2d} (ε 1e-5, momentum 0.1). No activation: DL4J's
     * {@code BatchNormalization} layer ignores the one it is given, so a ReLU after BN is a layer of its own
     * ({@link #relu()}).
     */
    public static BatchNormalization bn() {
        return new BatchNormalization.Builder().eps(1e-5).decay(0.9).build();
    }

    /** A ReLU layer ({@code nn.ReLU}). */
    public static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    @Override
    public String toString() {
        return name() + " (" + blocksPerStage() + " BasicBlocks per stage, 16/32/64 channels, shortcut " + shortcut
                + ", " + numClasses + " classes, input " + channels + "x" + height + "x" + width + ")";
    }
}
