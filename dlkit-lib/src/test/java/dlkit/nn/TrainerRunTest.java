package dlkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.data.DataLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/** {@link Trainer#run}: the one loop the labs plug their steps into. */
class TrainerRunTest {

    /** A step whose "loss" is the mean row number of the batch, so the order the loop fed is visible. */
    private static final class Recording implements Trainer.Hooks {
        final List<int[]> batches = new ArrayList<>();
        final List<Integer> epochsEnded = new ArrayList<>();

        @Override
        public double step(int epoch, int batch, int[] rows) {
            batches.add(rows);
            return Arrays.stream(rows).average().orElseThrow();
        }

        @Override
        public Trainer.Epoch endEpoch(int epoch) {
            epochsEnded.add(epoch);
            int[][] confusion = {{epoch, 0}, {0, 1}};
            return new Trainer.Epoch(null, 50.0 + epoch, 1.0 / (epoch + 1), 60.0 + epoch, confusion);
        }
    }

    private static Trainer quiet(int epochs) {
        return Trainer.builder().epochs(epochs).progress(false).build();
    }

    @Test
    void maxStepsStopsInsideAnEpochAndThatEpochIsStillEvaluated() {
        Recording hooks = new Recording();
        // 10 examples in batches of 3: 4 steps per epoch; 6 steps = one epoch and half of the next
        History h = Trainer.builder()
                .epochs(5)
                .maxSteps(6)
                .progress(false)
                .build()
                .run(DataLoader.indices(10, 3, true, new Random(1)), hooks);
        assertEquals(6, h.steps());
        assertEquals(6, hooks.batches.size());
        assertEquals(2, h.epochs());
        assertEquals(List.of(0, 1), hooks.epochsEnded);
        assertEquals(4, h.stepsPerEpoch());
        assertEquals(
                10, hooks.batches.subList(0, 4).stream().mapToInt(b -> b.length).sum(), "a whole epoch");
    }

    @Test
    void epochEvaluationIsRecordedInTheHistory() {
        History h = quiet(3).run(DataLoader.indices(8, 4, false, null), new Recording());
        assertArrayEquals(new double[] {50, 51, 52}, h.trainAccuracy());
        assertArrayEquals(new double[] {1, 0.5, 1.0 / 3}, h.valLoss(), 1e-15);
        assertArrayEquals(new double[] {60, 61, 62}, h.valAccuracy());
        assertEquals(62, h.finalValAccuracy());
        assertArrayEquals(new int[][] {{2, 0}, {0, 1}}, h.confusionMatrix(), "the last epoch's");
        // not measured by the hook: the training loss is the mean step loss (rows 0-3 and 4-7 in order)
        assertArrayEquals(new double[] {1.5, 5.5, 1.5, 5.5, 1.5, 5.5}, h.loss());
        assertArrayEquals(new double[] {3.5, 3.5, 3.5}, h.trainLoss());
        assertEquals(
                List.of("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy"),
                h.toTable().columnNames());
        // a hook that measures nothing leaves the per-epoch series out
        History bare = quiet(2).run(DataLoader.indices(8, 4, false, null), (e, b, rows) -> 1.0);
        assertFalse(bare.hasValidation());
        assertEquals(0, bare.trainAccuracy().length);
    }

    @Test
    void stepScheduleSetsTheRateWhenItChangesAndRecordsIt() {
        List<Double> set = new ArrayList<>();
        Trainer.Hooks hooks = new Trainer.Hooks() {
            @Override
            public double step(int epoch, int batch, int[] rows) {
                return 0;
            }

            @Override
            public void setLearningRate(double lr) {
                set.add(lr);
            }
        };
        History h = Trainer.builder()
                .epochs(2)
                .stepSchedule(step -> step < 3 ? 0.1 : 0.01)
                .progress(false)
                .build()
                .run(DataLoader.indices(4, 2, true, new Random(0)), hooks);
        assertEquals(List.of(0.1, 0.01), set);
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.01}, h.stepLr());
        assertArrayEquals(new double[] {0.1, 0.01}, h.learningRate(), "the rate at each epoch's end");
    }

    @Test
    void theSameSeedGivesTheSameOrderAndLosses() {
        Recording a = new Recording();
        Recording b = new Recording();
        Recording c = new Recording();
        History ha = quiet(3).run(DataLoader.indices(20, 6, true, new Random(7)), a);
        History hb = quiet(3).run(DataLoader.indices(20, 6, true, new Random(7)), b);
        History hc = quiet(3).run(DataLoader.indices(20, 6, true, new Random(8)), c);
        assertArrayEquals(ha.loss(), hb.loss());
        assertFalse(Arrays.equals(ha.loss(), hc.loss()), "another seed, another order");
        // one shuffle: the loop's batches are exactly DataLoader's, epoch after epoch
        DataLoader same = DataLoader.indices(20, 6, true, new Random(7));
        int k = 0;
        for (int e = 0; e < 3; e++) {
            for (Iterator<int[]> it = same.indexBatches(); it.hasNext(); ) {
                assertArrayEquals(it.next(), a.batches.get(k++));
            }
        }
    }

    /**
     * A compiled step plugged into the loop trains as DL4J's {@code fit} does: {@link LinearFastPath} (Adam) against
     * {@code MultiLayerNetwork.fit} on the same batches, step by step and parameter by parameter.
     */
    @Test
    void aPluggedStepEqualsDl4jsFit() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 24, 4);
        INDArray y = x.mmul(Nd4j.createFromArray(new float[][] {{1}, {-2}, {0.5f}, {3}}));
        IUpdater adam = new Adam(0.05);
        MultiLayerNetwork viaStep = Sequential.of(Linear.of(4, 1)).seed(1).mse();
        MultiLayerNetwork viaFit = Sequential.of(Linear.of(4, 1)).seed(1).mse();
        assertEquals(viaFit.params(), viaStep.params());
        NetAdapter fast = LinearFastPath.tryCreate(viaStep, adam);
        assertNotNull(fast, "the plain-Java step takes a linear least-squares model");
        fast.resetOptimizer(adam);
        NetAdapter.of(viaFit).resetOptimizer(adam);

        DataLoader batches = new DataLoader(x, y, 5, true, new Random(11));
        History h = Trainer.builder().epochs(3).progress(false).build().run(batches, (epoch, batch, rows) -> {
            DataSet b = batches.batch(rows);
            return fast.fit(b.getFeatures(), b.getLabels());
        });
        fast.finish();

        DataLoader again = new DataLoader(x, y, 5, true, new Random(11));
        List<Double> reference = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            for (DataSet b : again) {
                viaFit.fit(b.getFeatures(), b.getLabels());
                reference.add(viaFit.score());
            }
        }
        assertEquals(15, h.steps());
        assertArrayEquals(reference.stream().mapToDouble(Double::doubleValue).toArray(), h.loss(), 1e-5);
        double diff = viaFit.params().sub(viaStep.params()).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "parameters differ by " + diff);
        assertTrue(h.loss()[14] < h.loss()[0], "it trained");
    }
}
