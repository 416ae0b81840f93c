package dlkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

class CifarNetsTest {

    private static INDArray images(int n) {
        Seeds.set(3);
        return Nd4j.randn(DataType.FLOAT, n, 3, 32, 32);
    }

    private static INDArray oneHot(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 10, 1);
        }
        return y;
    }

    @Test
    void simpleNN_hasTheLabsWeightTable() {
        ParameterTable p = ParameterTable.of(SimpleNN.builder().build());
        assertEquals(List.of("CONV1", "CONV2", "FC1", "FC2", "FC3"), p.names());
        assertArrayEquals(new long[] {8, 3, 5, 5}, p.row("CONV1").shape());
        assertArrayEquals(new long[] {16, 8, 3, 3}, p.row("CONV2").shape());
        assertArrayEquals(new long[] {120, 576}, p.row("FC1").shape());
        assertArrayEquals(new long[] {84, 120}, p.row("FC2").shape());
        assertArrayEquals(new long[] {10, 84}, p.row("FC3").shape());
        assertEquals(
                List.of(600L, 1152L, 69120L, 10080L, 840L),
                p.rows().stream().map(ParameterTable.Row::weights).toList());
        assertEquals(81_792, p.totalWeights());
        assertEquals(SimpleNN.WEIGHTS, p.totalWeights());
        assertEquals(8 + 16 + 120 + 84 + 10, p.totalBiases());
        Table t = p.toTable();
        assertEquals(6, t.rowCount());
        assertEquals("(16, 8, 3, 3)", t.stringColumn("Layer Shape").get(1));
        assertEquals(81_792, t.intColumn("Number of Weight Parameters").get(5));
        assertTrue(p.toString().endsWith("total: 81,792 weights (+ 238 biases)"), p.toString());
    }

    @Test
    void simpleNN_withBatchNorm_hasTheSameWeights_andTwoBatchNormLayers() {
        MultiLayerNetwork bn = SimpleNN.builder().batchNorm(true).build();
        assertEquals(81_792, ParameterTable.of(bn).totalWeights());
        long bnLayers = java.util.Arrays.stream(bn.getLayers())
                .filter(l -> l.conf().getLayer() instanceof BatchNormalization)
                .count();
        assertEquals(2, bnLayers);
        assertArrayEquals(new long[] {4, 10}, bn.output(images(4), false).shape());
    }

    @Test
    void simpleNN_outputsProbabilities_andStartsNearLn10() {
        MultiLayerNetwork net = SimpleNN.builder().seed(0).build();
        INDArray out = net.output(images(64), false);
        assertArrayEquals(new long[] {64, 10}, out.shape());
        assertArrayEquals(Nd4j.ones(64).toDoubleVector(), out.sum(1).toDoubleVector(), 1e-5);
        double loss = net.score(new org.nd4j.linalg.dataset.DataSet(images(64), oneHot(64)), false);
        assertEquals(Math.log(10), loss, 0.05, "uniform ±1/sqrt(fan_in) weights give near-uniform outputs");
    }

    @Test
    void sameSeed_sameWeights_otherSeed_otherWeights() {
        assertEquals(
                SimpleNN.builder().seed(4).build().params(),
                SimpleNN.builder().seed(4).build().params());
        assertNotEquals(
                SimpleNN.builder().seed(4).build().params(),
                SimpleNN.builder().seed(5).build().params());
        assertEquals(LeNet.create(3, 7).params(), LeNet.create(3, 7).params());
    }

    @Test
    void initialWeights_areUniformWithinOneOverSqrtFanIn() {
        Map<String, double[]> w =
                ParameterTable.weights(SimpleNN.builder().seed(1).build());
        double bound = 1 / Math.sqrt(3 * 5 * 5);
        double max =
                java.util.Arrays.stream(w.get("CONV1")).map(Math::abs).max().orElseThrow();
        assertTrue(max <= bound && max > 0.9 * bound, max + " vs " + bound);
        assertEquals(69_120, w.get("FC1").length);
    }

    @Test
    void leNet_isThePyTorchTutorialNet_forRgbAndGray() {
        ParameterTable rgb = ParameterTable.of(LeNet.create(3, 0));
        assertEquals(List.of("conv1", "conv2", "fc1", "fc2", "fc3"), rgb.names());
        assertArrayEquals(new long[] {6, 3, 5, 5}, rgb.row("conv1").shape());
        assertArrayEquals(new long[] {16, 6, 5, 5}, rgb.row("conv2").shape());
        assertArrayEquals(new long[] {120, 400}, rgb.row("fc1").shape());
        assertEquals(450 + 2400 + 48000 + 10080 + 840, rgb.totalWeights());
        assertEquals(6 + 16 + 120 + 84 + 10, rgb.totalBiases());
        MultiLayerNetwork gray = LeNet.create(1, 0);
        assertEquals(150, ParameterTable.of(gray).row("conv1").weights());
        assertArrayEquals(
                new long[] {2, 10},
                gray.output(Nd4j.zeros(DataType.FLOAT, 2, 1, 32, 32), false).shape());
    }

    @Test
    void leNet_learnsAFixedBatch() {
        MultiLayerNetwork net = LeNet.create(3, 1);
        INDArray x = images(10);
        INDArray y = oneHot(10);
        History h = Trainer.builder()
                .epochs(40)
                .batchSize(10)
                .updater(new org.nd4j.linalg.learning.config.Adam(3e-3))
                .seed(0)
                .progress(false)
                .build()
                .fit(net, x, y);
        assertTrue(h.finalLoss() < 0.5 * h.loss()[0], h.loss()[0] + " -> " + h.finalLoss());
    }

    @Test
    void updaters_giveEveryLayerAFreshCopyOfTheOptimizer() {
        MultiLayerNetwork net = LeNet.create(3, 0);
        org.nd4j.linalg.learning.config.Nesterovs momentum = new org.nd4j.linalg.learning.config.Nesterovs(0.05, 0.8);
        assertTrue(net == Updaters.set(net, momentum));
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
                assertEquals(momentum, b.getIUpdater());
                assertTrue(momentum != b.getIUpdater(), "a copy per layer");
            }
        }
        net.fit(images(4), oneHot(4));
        assertTrue(net.getUpdater().getStateViewArray().amaxNumber().doubleValue() > 0, "momentum state in use");
        Updaters.set(net, momentum);
        assertEquals(0.0, net.getUpdater().getStateViewArray().amaxNumber().doubleValue(), "fresh state after set");
    }
}
