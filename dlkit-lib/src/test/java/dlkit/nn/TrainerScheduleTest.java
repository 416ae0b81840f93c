package dlkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class TrainerScheduleTest {

    private static final INDArray X = Nd4j.rand(DataType.FLOAT, 12, 3, 32, 32);
    private static final INDArray Y = Nd4j.eye(12)
            .castTo(DataType.FLOAT)
            .get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10));

    @Test
    void stepSchedule_isTheLabsDecay() {
        assertArrayEquals(
                new double[] {0.01, 0.01, 0.009, 0.009, 0.0081},
                LrSchedule.step(0.01, 0.9, 2).values(5),
                1e-12);
        assertArrayEquals(new double[] {0.1, 0.1}, LrSchedule.constant(0.1).values(2));
        assertEquals("0.1000, 0.05000", LrSchedule.step(0.1, 0.5, 1).describe(2));
    }

    @Test
    void schedule_setsTheRateOfEachEpoch_andZeroFreezesTheWeights() {
        MultiLayerNetwork oneEpoch = SimpleNN.builder().seed(1).build();
        Trainer.builder()
                .epochs(1)
                .batchSize(4)
                .updater(new Sgd(0.05))
                .seed(0)
                .progress(false)
                .build()
                .fit(oneEpoch, X, Y);
        MultiLayerNetwork frozenLater = SimpleNN.builder().seed(1).build();
        History h = Trainer.builder()
                .epochs(3)
                .batchSize(4)
                .updater(new Sgd(0.05))
                .seed(0)
                .progress(false)
                .schedule(e -> e == 0 ? 0.05 : 0.0)
                .build()
                .fit(frozenLater, X, Y);
        assertArrayEquals(new double[] {0.05, 0, 0}, h.learningRate());
        assertTrue(oneEpoch.params().equalsWithEps(frozenLater.params(), 1e-7), "no change after epoch 1 at lr 0");
        assertEquals(java.util.List.of("epoch", "train_loss", "lr"), h.toTable().columnNames());
    }

    @Test
    void augment_isCalledOnEveryTrainingBatch_andTrainAccuracyIsRecorded() {
        AtomicInteger calls = new AtomicInteger();
        MultiLayerNetwork net = SimpleNN.builder().seed(2).build();
        History h = Trainer.builder()
                .epochs(2)
                .batchSize(5)
                .updater(new Sgd(0.01))
                .seed(0)
                .progress(false)
                .augment(x -> {
                    calls.incrementAndGet();
                    return x;
                })
                .trainAccuracy(true)
                .build()
                .fit(net, X, Y);
        assertEquals(6, calls.get(), "3 batches (5, 5, 2) in each of 2 epochs");
        assertEquals(2, h.trainAccuracy().length);
        assertEquals(Accuracy.of(net, X, Y).percent(), h.trainAccuracy()[1], 1e-9);
    }

    @Test
    void printEvery_printsThePyTorchRunningLoss() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        History h;
        try {
            System.setOut(new PrintStream(buf, true));
            h = Trainer.builder()
                    .epochs(2)
                    .batchSize(2)
                    .updater(new Sgd(0.01))
                    .seed(0)
                    .progress(false)
                    .printEvery(3)
                    .build()
                    .fit(SimpleNN.builder().build(), X, Y);
        } finally {
            System.setOut(old);
        }
        String[] lines = buf.toString().trim().split("\n");
        assertEquals(4, lines.length, buf.toString());
        assertTrue(lines[0].startsWith("[1,     3] loss: "), lines[0]);
        assertTrue(lines[3].startsWith("[2,     6] loss: "), lines[3]);
        double[] running = h.runningLoss(3);
        assertEquals(String.format(java.util.Locale.ROOT, "[2,     6] loss: %.3f", running[3]), lines[3]);
    }

    @Test
    void runningLoss_isTheMeanOfEachBlockWithinAnEpoch() {
        History h = new History(
                new double[] {1, 2, 3, 4, 5, 10, 20, 30, 40, 50},
                new double[] {3, 30},
                new double[0],
                new double[0],
                0);
        assertArrayEquals(new double[] {1.5, 3.5, 15, 35}, h.runningLoss(2));
        assertArrayEquals(new double[] {2, 4, 7, 9}, h.runningLossSteps(2));
        History v =
                new History(new double[] {1, 1}, new double[] {1, 1}, new double[] {1, 1}, new double[] {40, 55}, 0);
        assertEquals(55, v.bestValAccuracy());
        assertEquals(2, v.bestEpoch());
    }
}
