package dlkit.nn.resnet;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * torchvision's ResNets ({@code torchvision.models.resnet18/34/50/101/152(num_classes=…)}) as DL4J
 * {@link ComputationGraph}s, with the same topology and exactly the same trainable parameters:
 *
 * <ul>
 *   <li>stem: 7×7/2 conv (64, padding 3, no bias) → BN → ReLU → 3×3/2 max pool (padding 1);</li>
 *   <li>every ReLU is an {@code ActivationLayer} of its own ({@code relu}, {@code <block>.relu1/2}, and
 *       {@code <block>.relu} after the add): DL4J's {@code BatchNormalization} ignores an activation given to it;</li>
 *   <li>stages of widths 64/128/256/512 with {@code [2,2,2,2]} (18), {@code [3,4,6,3]} (34, 50),
 *       {@code [3,4,23,3]} (101) or {@code [3,8,36,3]} (152) blocks; stages 2–4 start with stride 2;</li>
 *   <li>BasicBlock (18, 34): 3×3 conv → BN → ReLU → 3×3 conv → BN, + shortcut, ReLU;</li>
 *   <li>Bottleneck (50+, torchvision "v1.5": the stride sits on the 3×3 conv): 1×1 → BN → ReLU → 3×3 → BN → ReLU →
 *       1×1 (4× width) → BN, + shortcut, ReLU;</li>
 *   <li>shortcut: identity, or 1×1 conv (stride, no bias) + BN when the shape changes;</li>
 *   <li>head: global average pool (torchvision's {@code AdaptiveAvgPool2d(1)}) → fully connected with bias →
 *       softmax/cross-entropy.</li>
 * </ul>
 *
 * <p>Convolutions use {@link ConvolutionMode#Truncate} with torchvision's explicit paddings, so every feature map has
 * PyTorch's size: at 224×224 the stages see 56/28/14/7, at CIFAR's 32×32 the stem gives 16, the max pool 8, then
 * 8/4/2/1. Weights are He-initialised ({@link WeightInit#RELU}; torchvision uses Kaiming-normal fan-out), BN starts at
 * γ = 1, β = 0. DL4J's BN momentum 0.9 = PyTorch's 0.1; ε = 1e-5 as in PyTorch.
 *
 * <pre>{@code
 * ComputationGraph net = ResNet.resnet18().numClasses(10).inputSize(32, 32).updater(new Adam(1e-3)).build();
 * ParamCounts counts = ParamCounts.of(net);    // trainable 11,181,642
 * }</pre>
 */
public final class ResNet extends ResNetBuilder<ResNet> {

    /** Block type. */
    public enum Block {
        BASIC(1),
        BOTTLENECK(4);

        /** Output channels / block width. */
        public final int expansion;

        Block(int expansion) {
            this.expansion = expansion;
        }
    }

    private final Block block;
    private final List<Integer> layers;

    /** 224×224 inputs and {@code Sgd(1e-3)} unless set; BN running statistics always use NoOp. */
    private ResNet(int depth) {
        super(depth, 224, new Sgd(1e-3));
        switch (depth) {
            case 18 -> {
                block = Block.BASIC;
                layers = List.of(2, 2, 2, 2);
            }
            case 34 -> {
                block = Block.BASIC;
                layers = List.of(3, 4, 6, 3);
            }
            case 50 -> {
                block = Block.BOTTLENECK;
                layers = List.of(3, 4, 6, 3);
            }
            case 101 -> {
                block = Block.BOTTLENECK;
                layers = List.of(3, 4, 23, 3);
            }
            case 152 -> {
                block = Block.BOTTLENECK;
                layers = List.of(3, 8, 36, 3);
            }
            default -> throw new IllegalArgumentException("ResNet depth must be 18, 34, 50, 101 or 152, not " + depth);
        }
    }

    /** A builder for torchvision's {@code resnet<depth>}: 18, 34, 50, 101 or 152. */
    public static ResNet of(int depth) {
        return new ResNet(depth);
    }

    public static ResNet resnet18() {
        return of(18);
    }

    public static ResNet resnet34() {
        return of(34);
    }

    public static ResNet resnet50() {
        return of(50);
    }

    public static ResNet resnet101() {
        return of(101);
    }

    public static ResNet resnet152() {
        return of(152);
    }

    /** Default 224×224; 32×32 works, as with torchvision. */
    @Override
    void checkInputSize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("input size must be positive, got " + height + "x" + width);
        }
    }

    public Block block() {
        return block;
    }

    public List<Integer> layers() {
        return layers;
    }

    /** The updater's class name, e.g. "Adam". */
    public String updaterName() {
        return updater.getClass().getSimpleName();
    }

    /** Features of the last stage (512 for Basic, 2048 for Bottleneck) = the FC layer's input. */
    public int featureDim() {
        return 512 * block.expansion;
    }

    @Override
    public ComputationGraphConfiguration conf() {
        ComputationGraphConfiguration.GraphBuilder g = graph(base(seed));
        g.addLayer("conv1", CifarResNet.conv(7, 2, 64), INPUT);
        g.addLayer("bn1", CifarResNet.bn(), "conv1");
        g.addLayer("relu", CifarResNet.relu(), "bn1");
        g.addLayer(
                "maxpool",
                new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(3, 3)
                        .stride(2, 2)
                        .padding(1, 1)
                        .build(),
                "relu");
        String prev = "maxpool";
        int inPlanes = 64;
        for (int stage = 0; stage < 4; stage++) {
            int planes = 64 << stage;
            for (int b = 0; b < layers.get(stage); b++) {
                int stride = (stage > 0 && b == 0) ? 2 : 1;
                String name = "layer" + (stage + 1) + "." + b;
                prev = block == Block.BASIC
                        ? basic(g, name, prev, inPlanes, planes, stride)
                        : bottleneck(g, name, prev, inPlanes, planes, stride);
                inPlanes = planes * block.expansion;
            }
        }
        return head(g, prev, featureDim());
    }

    private String basic(
            ComputationGraphConfiguration.GraphBuilder g, String n, String in, int inPlanes, int planes, int stride) {
        g.addLayer(n + ".conv1", CifarResNet.conv(3, stride, planes), in);
        g.addLayer(n + ".bn1", CifarResNet.bn(), n + ".conv1");
        g.addLayer(n + ".relu1", CifarResNet.relu(), n + ".bn1");
        g.addLayer(n + ".conv2", CifarResNet.conv(3, 1, planes), n + ".relu1");
        g.addLayer(n + ".bn2", CifarResNet.bn(), n + ".conv2");
        return join(g, n, in, n + ".bn2", inPlanes, planes * Block.BASIC.expansion, stride);
    }

    private String bottleneck(
            ComputationGraphConfiguration.GraphBuilder g, String n, String in, int inPlanes, int planes, int stride) {
        g.addLayer(n + ".conv1", CifarResNet.conv(1, 1, planes), in);
        g.addLayer(n + ".bn1", CifarResNet.bn(), n + ".conv1");
        g.addLayer(n + ".relu1", CifarResNet.relu(), n + ".bn1");
        g.addLayer(n + ".conv2", CifarResNet.conv(3, stride, planes), n + ".relu1");
        g.addLayer(n + ".bn2", CifarResNet.bn(), n + ".conv2");
        g.addLayer(n + ".relu2", CifarResNet.relu(), n + ".bn2");
        g.addLayer(n + ".conv3", CifarResNet.conv(1, 1, planes * Block.BOTTLENECK.expansion), n + ".relu2");
        g.addLayer(n + ".bn3", CifarResNet.bn(), n + ".conv3");
        return join(g, n, in, n + ".bn3", inPlanes, planes * Block.BOTTLENECK.expansion, stride);
    }

    private String join(
            ComputationGraphConfiguration.GraphBuilder g,
            String n,
            String in,
            String main,
            int inPlanes,
            int outPlanes,
            int stride) {
        String shortcut = in;
        if (stride != 1 || inPlanes != outPlanes) {
            g.addLayer(n + ".downsample.0", CifarResNet.conv(1, stride, outPlanes), in);
            g.addLayer(n + ".downsample.1", CifarResNet.bn(), n + ".downsample.0");
            shortcut = n + ".downsample.1";
        }
        g.addVertex(n + ".add", new ElementWiseVertex(ElementWiseVertex.Op.Add), main, shortcut);
        g.addLayer(n + ".relu", CifarResNet.relu(), n + ".add");
        return n + ".relu";
    }

    @Override
    public String toString() {
        return name() + " (" + block + " " + layers + ", " + numClasses + " classes, input " + channels + "×" + height
                + "×" + width + ")";
    }
}
