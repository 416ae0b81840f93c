package dlkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

class HistoryAndWeightsTest {

    @Test
    void history_summarisesStepsAndEpochs() {
        History h = new History(new double[] {4, 3, 2, 1}, new double[] {3.5, 1.5}, new double[0], new double[0], 0.5);
        assertEquals(4, h.steps());
        assertEquals(2, h.epochs());
        assertEquals(1.0, h.finalLoss());
        assertEquals(1.5, h.meanLoss(2));
        assertArrayEquals(new double[] {4, 3}, h.loss(2));
        Table t = h.toTable();
        assertEquals(java.util.List.of("epoch", "train_loss"), t.columnNames());
        assertEquals(4, h.stepTable().rowCount());
        assertTrue(h.toString().startsWith("History: 4 steps in 2 epochs"), h.toString());
        assertTrue(h.toString().contains("epoch   2  train_loss 1.5000"), h.toString());
    }

    @Test
    void history_ofFullBatchSteps_printsOneLine() {
        History h = new History(new double[] {2, 1, 0.5}, new double[] {2, 1, 0.5}, new double[0], new double[0], 0.1);
        assertFalse(h.toString().contains("\n"), h.toString());
    }

    @Test
    void history_ofEpochs_keepsAccuraciesAndConfusionWithoutSteps() {
        int[][] confusion = {{2, 0}, {1, 1}};
        History h = History.ofEpochs(
                new double[] {0.9, 0.5},
                new double[] {50, 75},
                new double[] {0.8, 0.6},
                new double[] {40, 75},
                confusion,
                1.0);
        assertEquals(2, h.epochs());
        assertEquals(0, h.steps());
        assertEquals(75.0, h.finalValAccuracy());
        assertEquals(75.0, h.finalTrainAccuracy());
        assertArrayEquals(confusion, h.confusionMatrix());
        assertEquals(
                java.util.List.of("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy"),
                h.toTable().columnNames());
        assertTrue(h.toString().startsWith("History: 2 epochs"), h.toString());
        assertEquals(2, h.plot("run").panels().size(), "loss and accuracy side by side");
    }

    @Test
    void history_withAShorterLastEpoch_averagesEachEpochsOwnSteps() {
        double[] loss = {4, 2, 3, 1, 5};
        History h = new History(
                loss,
                new double[] {1, 1, 1},
                new double[] {2, 2, 2},
                new double[0],
                0,
                new double[0],
                new double[] {0.1, 0.1, 0.01},
                new double[] {0.1, 0.1, 0.1, 0.1, 0.01},
                2,
                null);
        assertArrayEquals(new double[] {3, 2, 5}, h.epochMeanStepLoss());
        assertArrayEquals(new double[] {2, 4}, h.runningLossSteps(2));
        assertEquals(1, h.plot("regression").panels().size(), "the loss alone without accuracies");
        assertEquals(
                5,
                h.plotSteps("steps").getSeriesMap().values().iterator().next().getXData().length);
    }

    @Test
    void weights_areShownInPyTorchLayout() {
        MultiLayerNetwork net = Sequential.of(Linear.noBias(2, 1).zeroInit()).mse();
        net.setParam("0_W", Nd4j.createFromArray(new float[][] {{1.08910891f}, {0.10891089f}}));
        assertArrayEquals(new long[] {1, 2}, Weights.of(net).shape());
        assertArrayEquals(new double[] {1.0891, 0.1089}, Weights.vector(net), 1e-4);
        assertEquals("Weights: [[1.0891, 0.1089]]", Weights.describe(net));
    }

    @Test
    void accuracy_countsArgMaxMatches() {
        MultiLayerNetwork net = Sequential.of(Linear.noBias(2, 2)).crossEntropy();
        net.setParam("0_W", Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}}));
        DataSet d = new DataSet(
                Nd4j.createFromArray(new float[][] {{2, 0}, {0, 2}, {3, 1}, {1, 3}}),
                Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {0, 1}, {0, 1}}));
        Accuracy a = Accuracy.of(net, d);
        assertEquals(new Accuracy(3, 4), a);
        assertEquals("3/4 (75%)", a.toString());
    }
}
