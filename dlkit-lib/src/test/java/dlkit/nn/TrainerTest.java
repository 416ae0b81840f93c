package dlkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import tech.tablesaw.api.Table;

class TrainerTest {

    private static final INDArray X = Nd4j.createFromArray(new float[][] {{10, 1}});
    private static final INDArray Y = Nd4j.createFromArray(new float[][] {{11}});

    private static Trainer.Builder toy(int steps) {
        return Trainer.builder().steps(steps).lr(1e-3).seed(0).progress(false);
    }

    private static MultiLayerNetwork linear(double p) {
        return Sequential.of(InputDropout.of(p), Linear.noBias(2, 1).zeroInit()).mse();
    }

    @ParameterizedTest(name = "fast path {0}: 1000 SGD steps from zero reach the minimum-norm [1.0891, 0.1089]")
    @ValueSource(booleans = {false, true})
    void gradientDescent_withoutDropout_findsMinimumNormSolution(boolean fast) {
        MultiLayerNetwork net = linear(0);
        History h = toy(1000).fastPath(fast).build().fit(net, X, Y);
        assertEquals(121.0, h.loss()[0], 1e-4);
        assertEquals(77.05, h.loss()[1], 0.005);
        assertEquals(49.07, h.loss()[2], 0.005);
        assertEquals(110.0 / 101, net.getParam("0_W").getDouble(0), 1e-4);
        assertEquals(11.0 / 101, net.getParam("0_W").getDouble(1), 1e-4);
        assertTrue(h.finalLoss() < 1e-8, "final loss " + h.finalLoss());
    }

    @Test
    @DisplayName("the fast path takes plain linear MSE models and nothing else")
    void fastPath_recognisesOnlyPlainLinearModels() {
        assertNotNull(LinearFastPath.tryCreate(linear(0.5), new Sgd(1e-3)));
        MultiLayerNetwork twoLayers =
                Sequential.of(Linear.of(2, 3), Linear.of(3, 1)).mse();
        assertNull(LinearFastPath.tryCreate(twoLayers, new Sgd(1e-3)));
        MultiLayerNetwork softmax = Sequential.of(Linear.of(2, 3)).crossEntropy();
        assertNull(LinearFastPath.tryCreate(softmax, new Sgd(1e-3)));
    }

    @Test
    @DisplayName("a seeded run with dropout repeats exactly (DL4J path)")
    void seededRun_withDropout_isReproducible() {
        INDArray x = X.repeat(0, 8);
        INDArray y = Y.repeat(0, 8);
        History a = toy(30).fastPath(false).build().fit(linear(0.5), x, y);
        History b = toy(30).fastPath(false).build().fit(linear(0.5), x, y);
        assertArrayEquals(a.loss(), b.loss(), 0);
        History c = toy(30).fastPath(false).seed(1).build().fit(linear(0.5), x, y);
        assertTrue(!java.util.Arrays.equals(a.loss(), c.loss()), "another seed, other masks");
    }

    @Test
    @DisplayName("batch 1024, p = 0.5, 10 000 steps: within 3 % of the weighted least-squares optimum (0.367, 3.667)")
    void dropoutLargeBatch_convergesToWeightedLeastSquares() {
        MultiLayerNetwork net = linear(0.5);
        History h = toy(10_000).build().fit(net, X.repeat(0, 1024), Y.repeat(0, 1024));
        assertEquals(0.3667, net.getParam("0_W").getDouble(0), 0.03 * 0.3667);
        assertEquals(3.6667, net.getParam("0_W").getDouble(1), 0.03 * 3.6667);
        assertEquals(40.33, h.meanLoss(1000), 0.05 * 40.33);
    }

    @Test
    @DisplayName("the DL4J path agrees with the fast path with dropout, batch 256 (300 steps)")
    void dl4jPath_agreesWithFastPath_withDropout() {
        INDArray x = X.repeat(0, 256);
        INDArray y = Y.repeat(0, 256);
        MultiLayerNetwork slow = linear(0.5);
        MultiLayerNetwork fast = linear(0.5);
        History hs = toy(300).fastPath(false).build().fit(slow, x, y);
        History hf = toy(300).fastPath(true).build().fit(fast, x, y);
        assertEquals(fast.getParam("0_W").getDouble(0), slow.getParam("0_W").getDouble(0), 0.02);
        assertEquals(fast.getParam("0_W").getDouble(1), slow.getParam("0_W").getDouble(1), 0.05);
        assertEquals(hf.meanLoss(100), hs.meanLoss(100), 2.0);
    }

    @ParameterizedTest(name = "fast path {0}: Adam without dropout moves both weights alike and ends at (1, 1)")
    @ValueSource(booleans = {false, true})
    void adam_withoutDropout_endsAtOneOne(boolean fast) {
        MultiLayerNetwork net = linear(0);
        toy(fast ? 10_000 : 3000)
                .optimizer(Optimizer.ADAM)
                .fastPath(fast)
                .build()
                .fit(net, X.repeat(0, 4), Y.repeat(0, 4));
        assertEquals(1.0, net.getParam("0_W").getDouble(0), 0.02);
        assertEquals(1.0, net.getParam("0_W").getDouble(1), 0.02);
    }

    @Test
    @DisplayName("minibatches with validation data: per-step losses, per-epoch loss and accuracy, a table")
    void classification_recordsValidationAccuracy() {
        Seeds.set(5);
        INDArray x = Nd4j.rand(200, 2).subi(0.5);
        INDArray label = x.getColumn(0).gt(0).castTo(x.dataType());
        INDArray y = Nd4j.hstack(label.rsub(1).reshape(200, 1), label.reshape(200, 1));
        MultiLayerNetwork net = Sequential.of(Linear.of(2, 2)).seed(1).crossEntropy();
        History h = Trainer.builder()
                .epochs(20)
                .batchSize(32)
                .lr(0.5)
                .seed(0)
                .progress(false)
                .build()
                .fit(net, new org.nd4j.linalg.dataset.DataSet(x, y), new org.nd4j.linalg.dataset.DataSet(x, y));
        assertEquals(20 * 7, h.steps());
        assertEquals(20, h.epochs());
        assertTrue(h.valAccuracy()[19] > 90, "accuracy " + h.valAccuracy()[19]);
        assertTrue(h.valLoss()[19] < h.valLoss()[0]);
        Table t = h.toTable();
        assertEquals(java.util.List.of("epoch", "train_loss", "val_loss", "val_accuracy"), t.columnNames());
        assertEquals(20, t.rowCount());
        assertTrue(h.toString().contains("val_accuracy"), h.toString());
    }

    @Test
    void computationGraph_trainsToo() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(0)
                .graphBuilder()
                .addInputs("in")
                .addLayer(
                        "out",
                        new OutputLayer.Builder(LossFunction.MSE)
                                .nIn(2)
                                .nOut(1)
                                .hasBias(false)
                                .weightInit(WeightInit.ZERO)
                                .activation(Activation.IDENTITY)
                                .build(),
                        "in")
                .setOutputs("out")
                .build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        History h = toy(1000).build().fit(cg, X, Y);
        assertEquals(121.0, h.loss()[0], 1e-4);
        assertEquals(110.0 / 101, cg.getParam("out_W").getDouble(0), 1e-4);
    }

    @Test
    void convNet_hasTheOriginalShapes_andTrains() {
        MultiLayerNetwork net = ConvNet.create(0.75, 0);
        assertEquals(3 * 16 * 9 + 16 + 16 * 32 * 9 + 32 + 2048 * 10 + 10, net.numParams());
        Nd4j.getRandom().setSeed(0);
        INDArray x = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 3, 32, 32);
        INDArray y = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7).castTo(x.dataType());
        assertArrayEquals(new long[] {8, 10}, net.output(x).shape());
        History h = Trainer.builder()
                .epochs(2)
                .batchSize(4)
                .lr(1e-3)
                .seed(0)
                .progress(false)
                .build()
                .fit(net, x, y);
        assertEquals(4, h.steps());
        assertTrue(Double.isFinite(h.finalLoss()));
    }
}
