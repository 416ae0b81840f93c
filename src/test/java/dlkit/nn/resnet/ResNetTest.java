package dlkit.nn.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ResNetTest {

    @Test
    void configurationCountsEqualPyTorch() {
        assertEquals(new ParamCounts(11_181_642, 11_191_242, 9_600), ParamCounts.of(ResNet.resnet18().conf()));
        assertEquals(new ParamCounts(23_528_522, 23_581_642, 53_120), ParamCounts.of(ResNet.resnet50().conf()));
        ParamCounts r152 = ParamCounts.of(ResNet.resnet152().conf());
        assertEquals(58_164_298, r152.trainable());
        assertEquals(58_315_722, r152.dl4jNumParams());
        assertEquals(75_712, r152.bnChannels());
        // input size does not change the count (global average pooling)
        assertEquals(11_181_642, ParamCounts.of(ResNet.resnet18().inputSize(32, 32).conf()).trainable());
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
        ComputationGraph net = ResNet.resnet18().numClasses(10).inputSize(32, 32).seed(1).build();
        assertEquals(11_181_642, ParamCounts.of(net).trainable());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
        INDArray y = net.outputSingle(x);
        assertArrayEquals(new long[]{2, 10}, y.shape());
        Map<String, INDArray> acts = net.feedForward(x, false);
        // torchvision's sizes: 32 -> 16 (stem) -> 8 (max pool) -> 8, 4, 2, 1
        assertArrayEquals(new long[]{2, 64, 16, 16}, acts.get("conv1").shape());
        assertArrayEquals(new long[]{2, 64, 8, 8}, acts.get("maxpool").shape());
        assertArrayEquals(new long[]{2, 128, 4, 4}, acts.get("layer2.1.relu").shape());
        assertArrayEquals(new long[]{2, 256, 2, 2}, acts.get("layer3.1.relu").shape());
        assertArrayEquals(new long[]{2, 512, 1, 1}, acts.get("layer4.1.relu").shape());
        net.close();
    }

    @Test
    void rejectsUnknownDepth() {
        assertThrows(IllegalArgumentException.class, () -> ResNet.of(20));
    }
}
