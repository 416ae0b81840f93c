package dlkit.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.backend.CpuThreads;
import dlkit.nn.History;
import dlkit.nn.SgdMomentum;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

class EdgeTrainingTest {

    @BeforeAll
    static void oneThread() {
        CpuThreads.limit(1);
    }

    @Test
    void sgdMomentumIsPyTorchsRule() {
        SgdMomentum sgd = new SgdMomentum(0.1, 0.9);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2);
        GradientUpdater<?> u = sgd.instantiate(state, true);
        INDArray g1 = Nd4j.createFromArray(new float[] {1f, -2f}).reshape(1, 2);
        u.applyUpdater(g1, 0, 0); // v = g = [1, -2]; step = lr v
        assertArrayEquals(new float[] {0.1f, -0.2f}, g1.data().asFloat(), 1e-7f);
        INDArray g2 = Nd4j.createFromArray(new float[] {0.5f, 0.5f}).reshape(1, 2);
        u.applyUpdater(g2, 1, 0); // v = 0.9 [1, -2] + [0.5, 0.5] = [1.4, -1.3]
        assertArrayEquals(new float[] {0.14f, -0.13f}, g2.data().asFloat(), 1e-6f);
    }

    @Test
    void evaluateReportsTheOriginalsLossScalingAccuracyAndConfusion() {
        EdgeDetectionDataset ds =
                EdgeDetectionDataset.builder().dataPerClass(7).seed(2).build();
        MultiLayerNetwork mlp = EdgeModels.threeLayerMlp(new int[] {50, 10}, 3);
        EdgeLoader loader = new EdgeLoader(ds, 4, false);
        EdgeEvaluation e = EdgeTraining.evaluate(mlp, loader);
        int total = Arrays.stream(e.confusion()).flatMapToInt(Arrays::stream).sum();
        assertEquals(21, total);
        for (int[] row : e.confusion()) {
            assertEquals(7, Arrays.stream(row).sum());
        }
        int diagonal = e.confusion()[0][0] + e.confusion()[1][1] + e.confusion()[2][2];
        assertEquals(100.0 * diagonal / 21, e.accuracy(), 1e-9);
        // loss = sum over batches of the batch-mean cross-entropy, divided by the number of images
        INDArray p = mlp.output(ds.features());
        double expected = 0;
        int[] y = ds.labels();
        for (int from = 0; from < 21; from += 4) {
            double batch = 0;
            int to = Math.min(21, from + 4);
            for (int i = from; i < to; i++) {
                batch -= Math.log(p.getDouble(i, y[i]));
            }
            expected += batch / (to - from);
        }
        assertEquals(expected / 21, e.loss(), 1e-5);
    }

    @Test
    void trainModelRecordsEveryEpochAndTheLastConfusionMatrix() {
        EdgeDetectionDataset train =
                EdgeDetectionDataset.builder().dataPerClass(5).seed(3).build();
        EdgeDetectionDataset valid = EdgeDetectionDataset.builder()
                .dataPerClass(4)
                .mode("valid")
                .seed(4)
                .build();
        MultiLayerNetwork cnn = EdgeModels.simpleCnn(3, 3, 1);
        History h = EdgeTraining.trainModel(
                cnn,
                new SgdMomentum(1e-2, 0.9),
                3,
                new EdgeLoader(train, 5, true),
                new EdgeLoader(valid, 256, false),
                null);
        assertEquals(3, h.trainLoss().length);
        assertEquals(3, h.valAccuracy().length);
        assertEquals(
                12,
                Arrays.stream(h.confusionMatrix()).flatMapToInt(Arrays::stream).sum());
        assertEquals(h.valAccuracy()[2], h.finalValAccuracy());
    }

    /**
     * PyTorch parity: the same SimpleCNN(k = 7) weights and images, 50 full-batch steps of
     * {@code optim.SGD(lr=1e-2, momentum=0.9)} in PyTorch 1.13 (Debian's python3-torch) give these numbers.
     * Reference: load the weights printed by this setup into {@code SimpleCNN} (fc weight transposed: DL4J stores
     * [in, out]), loop {@code out = m(X); loss = F.cross_entropy(out, y); opt.zero_grad(); loss.backward();
     * opt.step()} and record {@code loss.item() / 30} (the original's per-image scaling).
     */
    @Test
    void fiftyStepsMatchPyTorch() {
        EdgeDetectionDataset ds =
                EdgeDetectionDataset.builder().dataPerClass(10).seed(0).build();
        EdgeLoader loader = new EdgeLoader(ds, 32, false, 0);
        MultiLayerNetwork cnn = EdgeModels.simpleCnn(7, 3, 0);
        History h = EdgeTraining.train(cnn, new SgdMomentum(1e-2, 0.9), 50, loader);
        assertEquals(0.036628326, h.trainLoss()[49], 2e-8);
        assertEquals(0.090799451, cnn.getLayer(0).getParam("W").getDouble(0, 0, 3, 3), 1e-6);
        assertEquals(-0.667287827, cnn.getLayer(4).getParam("W").sumNumber().doubleValue(), 1e-5);
        assertArrayEquals(
                new double[] {-0.00557162007316947, -0.03463594987988472, -0.08229520916938782},
                cnn.getLayer(EdgeModels.CONV2).getParam("b").dup().data().asDouble(),
                1e-6);
    }

    @Test
    void q1TheMlpFitsTenImagesPerClass() {
        EdgeDetectionDataset ds =
                EdgeDetectionDataset.builder().dataPerClass(10).seed(2).build();
        EdgeLoader loader = new EdgeLoader(ds, 32, true, 2);
        MultiLayerNetwork mlp = EdgeModels.threeLayerMlp(new int[] {50, 10}, 3);
        EdgeTraining.train(mlp, new SgdMomentum(1e-2, 0.9), 500, loader);
        assertEquals(100.0, EdgeTraining.evaluate(mlp, loader).accuracy());
    }

    @Test
    void q1TheCnnFitsTenImagesPerClass() {
        // the notebook's Q1 with its default seed: 500 epochs of SGD (lr 0.01, momentum 0.9) on one batch of 30
        EdgeDetectionDataset ds =
                EdgeDetectionDataset.builder().dataPerClass(10).seed(2).build();
        EdgeLoader loader = new EdgeLoader(ds, 32, true, 2);
        MultiLayerNetwork cnn = EdgeModels.simpleCnn(7, 3, 2);
        History h = EdgeTraining.train(cnn, new SgdMomentum(1e-2, 0.9), 500, loader);
        assertTrue(h.trainLoss()[499] < h.trainLoss()[0] / 5, "the loss falls");
        assertEquals(100.0, EdgeTraining.evaluate(cnn, loader).accuracy());
    }
}
