package dlkit.nn.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The CIFAR ResNets' topology, parameter counts and option-A shortcut against the paper (and PyTorch). */
class CifarResNetTest {

    @Test
    void parameterCountsMatchThePaperAndPyTorch() {
        // sum(p.numel() for p in model.parameters()) of the PyTorch equivalents (option A: zero padding,
        // option B: 1x1 projection + BN); the paper's Table 6 lists 0.27M, 0.46M, 0.66M, 0.85M.
        assertEquals(269_722, ParamCounts.of(CifarResNet.of(20).conf()).trainable());
        assertEquals(464_154, ParamCounts.of(CifarResNet.of(32).conf()).trainable());
        assertEquals(658_586, ParamCounts.of(CifarResNet.of(44).conf()).trainable());
        assertEquals(853_018, ParamCounts.of(CifarResNet.of(56).conf()).trainable());
        assertEquals(
                272_474,
                ParamCounts.of(CifarResNet.of(20)
                                .shortcut(CifarResNet.Shortcut.B_PROJECTION)
                                .conf())
                        .trainable());
        assertEquals(
                855_770,
                ParamCounts.of(CifarResNet.of(56)
                                .shortcut(CifarResNet.Shortcut.B_PROJECTION)
                                .conf())
                        .trainable());
        // 100 classes: only the FC layer changes (64*100 + 100 instead of 64*10 + 10)
        assertEquals(
                269_722 - 650 + 6_500,
                ParamCounts.of(CifarResNet.of(20).numClasses(100).conf()).trainable());
    }

    @Test
    void builtResNet20HasExactCountsAndPaperShapes() {
        ComputationGraph net = CifarResNet.resnet20(10, 1);
        ParamCounts c = ParamCounts.of(net);
        assertEquals(269_722, c.trainable());
        // 19 BN layers: 16 (stem) + 6x16 + 6x32 + 6x64 = 688 channels, each with a running mean and variance
        assertEquals(688, c.bnChannels());
        assertEquals(269_722 + 2 * 688, net.numParams());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
        Map<String, INDArray> acts = net.feedForward(x, false);
        assertArrayEquals(new long[] {2, 16, 32, 32}, acts.get("bn1").shape());
        assertArrayEquals(new long[] {2, 16, 32, 32}, acts.get("layer1.2.relu").shape());
        assertArrayEquals(new long[] {2, 32, 16, 16}, acts.get("layer2.0.relu").shape());
        assertArrayEquals(
                new long[] {2, 32, 16, 16}, acts.get("layer2.0.shortcut.pad").shape());
        assertArrayEquals(new long[] {2, 64, 8, 8}, acts.get("layer3.2.relu").shape());
        assertArrayEquals(new long[] {2, 64}, acts.get("avgpool").shape());
        INDArray y = net.outputSingle(x);
        assertArrayEquals(new long[] {2, 10}, y.shape());
        assertEquals(2.0, y.sumNumber().doubleValue(), 1e-5, "softmax rows sum to 1");
        // 6n+1 = 19 weighted layers + FC = 20 (the "20" of ResNet-20): convs with a 3x3 kernel and the FC layer
        long weighted = java.util.Arrays.stream(net.getLayers())
                .map(l -> l.conf().getLayer())
                .filter(l -> l instanceof ConvolutionLayer || l instanceof OutputLayer)
                .count();
        assertEquals(20, weighted);
        net.close();
    }

    @Test
    void optionAShortcutSubsamplesAndPadsWithZeros() {
        ComputationGraph net = CifarResNet.resnet20(10, 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
        Map<String, INDArray> acts = net.feedForward(x, false);
        for (String[] block : new String[][] {{"layer1.2.relu", "layer2.0"}, {"layer2.2.relu", "layer3.0"}}) {
            INDArray in = acts.get(block[0]);
            INDArray sc = acts.get(block[1] + ".shortcut.pad");
            long cin = in.size(1);
            long h = in.size(2);
            assertEquals(2 * cin, sc.size(1));
            for (int n = 0; n < 2; n++) {
                for (int ch = 0; ch < 2 * cin; ch++) {
                    for (int i = 0; i < h / 2; i++) {
                        for (int j = 0; j < h / 2; j++) {
                            double expected = ch < cin ? in.getDouble(n, ch, 2 * i, 2 * j) : 0.0;
                            assertEquals(expected, sc.getDouble(n, ch, i, j), 0.0, block[1] + " at " + ch);
                        }
                    }
                }
            }
            // the block adds it to its main path: relu(bn2 + shortcut)
            INDArray sum = acts.get(block[1] + ".bn2").add(sc);
            assertArrayEquals(flat(Transforms.relu(sum, true)), flat(acts.get(block[1] + ".relu")), 1e-6f);
        }
        // identity shortcuts inside a stage: the block's input itself
        INDArray sum = acts.get("layer1.1.bn2").add(acts.get("layer1.0.relu"));
        assertArrayEquals(flat(Transforms.relu(sum, true)), flat(acts.get("layer1.1.relu")), 1e-6f);
        net.close();
    }

    @Test
    void gradientsThroughTheOptionAShortcutAreCorrect() {
        DataType defaultType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            checkBlockGradients();
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, defaultType);
        }
    }

    /**
     * A downsampling block in miniature (a 1x1 conv, then conv 3x3/2 on the main path plus the option-A shortcut,
     * added, average-pooled, softmax), double precision, against finite differences: the shortcut must pass back the
     * gradient of its first half, stride-subsampled, and nothing from the zero half.
     */
    private static void checkBlockGradients() {
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(11)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(6, 6, 2));
        g.addLayer(
                "stem",
                new ConvolutionLayer.Builder(1, 1)
                        .nOut(3)
                        .activation(Activation.TANH)
                        .build(),
                "in");
        g.addLayer("main", CifarResNet.conv3x3(6, 2), "stem");
        String sc = CifarResNet.shortcut(g, "b", "stem", 3, 6, 2, CifarResNet.Shortcut.A_ZERO_PAD);
        g.addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "main", sc);
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add");
        g.addLayer(
                "out",
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build(),
                "pool");
        ComputationGraph net = new ComputationGraph(g.setOutputs("out").build());
        net.init();
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 6).subi(0.5);
        INDArray y = Nd4j.eye(3).castTo(DataType.DOUBLE);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(net)
                .inputs(new INDArray[] {x})
                .labels(new INDArray[] {y})
                .epsilon(1e-6)
                .maxRelError(1e-5)
                .minAbsoluteError(1e-10)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "gradient check through the option-A shortcut");
        net.close();
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @Test
    void weightDecayIsAnL2TermOnConvAndFcParametersNotOnBatchNorm() {
        ComputationGraph net = CifarResNet.resnet20(10, 1);
        // DL4J's L2 adds wd/2 * sum(w^2) to the score, so wd * w to the gradient: PyTorch's weight_decay=wd
        double sumSq = 0;
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof ConvolutionLayer || l.conf().getLayer() instanceof OutputLayer) {
                for (INDArray p : l.paramTable().values()) {
                    sumSq += p.castTo(DataType.DOUBLE).norm2Number().doubleValue()
                            * p.norm2Number().doubleValue();
                }
            }
        }
        assertEquals(0.5e-4 * sumSq, net.calcRegularizationScore(true), 1e-6 * sumSq);
        net.getLayer("bn1").getParam("gamma").addi(10);
        assertEquals(0.5e-4 * sumSq, net.calcRegularizationScore(true), 1e-6 * sumSq, "BN's gamma is not decayed");
        ComputationGraph noDecay = CifarResNet.of(20).weightDecay(0).build();
        assertEquals(0.0, noDecay.calcRegularizationScore(true));
        noDecay.close();
        net.close();
    }

    @Test
    void studentBlocksPlugIn() {
        int[] calls = new int[1];
        CifarResNet.Block counting = (g, name, in, inPlanes, planes, stride, sc) -> {
            calls[0]++;
            return CifarResNet.basicBlock(g, name, in, inPlanes, planes, stride, sc);
        };
        assertEquals(
                269_722,
                ParamCounts.of(CifarResNet.of(20).block(counting).conf()).trainable());
        assertEquals(9, calls[0]);
    }

    @Test
    void badSettingsSayWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CifarResNet.of(21));
        assertTrue(e.getMessage().contains("6n+2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CifarResNet.of(20).inputSize(30, 30));
        assertThrows(IllegalArgumentException.class, () -> CifarResNet.of(20).numClasses(0));
        IllegalArgumentException pad = assertThrows(
                IllegalArgumentException.class,
                () -> CifarResNet.of(20)
                        .block((g, n, in, ip, p, s, sc) -> CifarResNet.basicBlock(g, n, in, ip, p * 3 / 2, s, sc))
                        .conf());
        assertTrue(pad.getMessage().contains("B_PROJECTION"), pad.getMessage());
    }
}
