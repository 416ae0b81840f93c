package dlkit.nn.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

class ResNetTest {

    @Test
    void configurationCountsEqualPyTorch() {
        assertEquals(
                new ParamCounts(11_181_642, 11_191_242, 9_600),
                ParamCounts.of(ResNet.resnet18().conf()));
        assertEquals(
                new ParamCounts(23_528_522, 23_581_642, 53_120),
                ParamCounts.of(ResNet.resnet50().conf()));
        ParamCounts r152 = ParamCounts.of(ResNet.resnet152().conf());
        assertEquals(58_164_298, r152.trainable());
        assertEquals(58_315_722, r152.dl4jNumParams());
        assertEquals(75_712, r152.bnChannels());
        // input size does not change the count (global average pooling)
        assertEquals(
                11_181_642,
                ParamCounts.of(ResNet.resnet18().inputSize(32, 32).conf()).trainable());
    }

    @Test
    void resnet152BuiltHasExactCountsAndSize() {
        ComputationGraph net = ResNet.resnet152().inputSize(32, 32).build();
        ParamCounts c = ParamCounts.of(net);
        assertEquals(58_164_298, c.trainable());
        assertEquals(net.numParams(), c.dl4jNumParams());
        assertEquals(151_424, c.bnRunningStats());
        assertEquals("232.657192", c.sizeMBString());
        net.close();
    }

    @Test
    void resnet18ForwardOnCifarSize() {
        ComputationGraph net =
                ResNet.resnet18().numClasses(10).inputSize(32, 32).seed(1).build();
        assertEquals(11_181_642, ParamCounts.of(net).trainable());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
        INDArray y = net.outputSingle(x);
        assertArrayEquals(new long[] {2, 10}, y.shape());
        Map<String, INDArray> acts = net.feedForward(x, false);
        // torchvision's sizes: 32 -> 16 (stem) -> 8 (max pool) -> 8, 4, 2, 1
        assertArrayEquals(new long[] {2, 64, 16, 16}, acts.get("conv1").shape());
        assertArrayEquals(new long[] {2, 64, 8, 8}, acts.get("maxpool").shape());
        assertArrayEquals(new long[] {2, 128, 4, 4}, acts.get("layer2.1.relu").shape());
        assertArrayEquals(new long[] {2, 256, 2, 2}, acts.get("layer3.1.relu").shape());
        assertArrayEquals(new long[] {2, 512, 1, 1}, acts.get("layer4.1.relu").shape());
        net.close();
    }

    @Test
    void oneDnnLayersTrainLikeBuiltInOnes() {
        assumeTrue(ResNetOneDnn.available(), "nd4j-native without oneDNN: nothing to compare");
        ResNet spec = ResNet.resnet18()
                .numClasses(10)
                .inputSize(32, 32)
                .updater(new Nesterovs(0.05, 0.9))
                .seed(7);
        ComputationGraph fast = spec.build();
        ComputationGraph plain = new ComputationGraph(spec.conf());
        plain.init();
        // 20 convolutions less the four 3x3 ones with a 1x1 output (layer4), plus all 20 batch norms
        assertEquals(36, ResNetOneDnn.attach(plain.clone(), spec.inputType()));
        assertEquals(0, countHelpers(plain));
        assertEquals(36, countHelpers(fast));
        assertEquals(plain.params(), fast.params());
        INDArray start = plain.params().dup();

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        DataSet ds = new DataSet(x, y);
        for (int step = 0; step < 2; step++) {
            fast.fit(ds);
            plain.fit(ds);
        }
        // same math, different summation order: parameters (incl. BN running statistics) agree to float rounding,
        // grown by two steps of a training that amplifies it (~2e-4 at lr 0.05; the ReLUs' on/off decisions flip)
        INDArray diff = fast.params().sub(plain.params());
        double rel =
                diff.norm2Number().doubleValue() / plain.params().norm2Number().doubleValue();
        assertTrue(rel < 1e-3, "relative parameter difference " + rel);
        double moved = plain.params().sub(start).norm2Number().doubleValue();
        assertTrue(moved > 1e3 * diff.norm2Number().doubleValue(), "training moved the parameters " + moved);
        assertEquals(plain.score(), fast.score(), 1e-3 * Math.abs(plain.score()));
        assertArrayEquals(
                plain.outputSingle(x).ravel().toFloatVector(),
                fast.outputSingle(x).ravel().toFloatVector(),
                1e-3f);
        fast.close();
        plain.close();
    }

    private static long countHelpers(ComputationGraph net) {
        return java.util.Arrays.stream(net.getLayers())
                .filter(l -> l.getHelper() != null)
                .count();
    }

    @Test
    void rejectsUnknownDepth() {
        assertThrows(IllegalArgumentException.class, () -> ResNet.of(20));
    }
}
