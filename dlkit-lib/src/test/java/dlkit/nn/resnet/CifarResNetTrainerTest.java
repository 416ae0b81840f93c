package dlkit.nn.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.data.ImageSet;
import dlkit.nn.History;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The paper's schedule, the augmentation, and short seeded runs of ResNet-20 that learn. */
class CifarResNetTrainerTest {

    @Test
    void paperScheduleInIterations() {
        CifarResNetTrainer paper = CifarResNetTrainer.builder()
                .iterations(64_000)
                .lrDrops(32_000, 48_000)
                .build();
        // the paper's 45k/5k train/validation split at batch 128: 352 steps per epoch, 64k iterations = 182 epochs
        assertEquals(352, paper.stepsPerEpoch(45_000));
        assertEquals(182, paper.epochs(45_000));
        assertEquals(64_000, paper.totalSteps(45_000));
        int[] drops = paper.lrDrops(45_000);
        assertArrayEquals(new int[] {32_000, 48_000}, drops);
        assertEquals(0.1, CifarResNetTrainer.learningRate(0.1, drops, 0));
        assertEquals(0.1, CifarResNetTrainer.learningRate(0.1, drops, 31_999));
        assertEquals(0.01, CifarResNetTrainer.learningRate(0.1, drops, 32_000), 1e-15);
        assertEquals(0.01, CifarResNetTrainer.learningRate(0.1, drops, 47_999), 1e-15);
        assertEquals(0.001, CifarResNetTrainer.learningRate(0.1, drops, 48_000), 1e-15);
        // without explicit drops: at 50 % and 75 % of the run, the paper's proportions
        CifarResNetTrainer shortRun =
                CifarResNetTrainer.builder().epochs(4).batchSize(128).build();
        assertEquals(8, shortRun.stepsPerEpoch(1000));
        assertArrayEquals(new int[] {16, 24}, shortRun.lrDrops(1000));
        assertArrayEquals(
                new int[] {32_000, 48_000},
                CifarResNetTrainer.builder().iterations(64_000).build().lrDrops(50_000));
    }

    @Test
    void shortSeededRunOfResNet20LearnsAndRepeats() {
        // ResNet-20 on 8x8 images (the same network; 16x less work than 32x32) keeps the test short
        ImageSet train = blobs(256, 0);
        ImageSet test = blobs(128, 1);
        CifarResNetTrainer trainer = CifarResNetTrainer.builder()
                .epochs(4)
                .batchSize(32)
                .lr(0.05)
                .seed(3)
                .progress(false)
                .printEpochs(false)
                .build();
        ComputationGraph net = small(7);
        double before = CifarResNetTrainer.evaluate(net, test, CifarResNetTrainer.channelStats(train.images()))[1];
        History h = trainer.fit(net, train, test);
        assertEquals(32, h.steps());
        assertEquals(4, h.epochs());
        // four classes: chance is 25 %; the classes differ in the colour of a blob, under noise
        assertTrue(before < 45, "untrained: " + before);
        assertTrue(h.finalValAccuracy() >= 80, "after 4 epochs: " + h);
        assertTrue(h.epochMeanStepLoss()[3] < h.epochMeanStepLoss()[0], "training loss goes down: " + h);
        // the schedule was applied: steps 0-15 at 0.05, 16-23 at 0.005, 24-31 at 0.0005, and the net ends there
        assertEquals(0.05, h.stepLr()[15]);
        assertEquals(0.005, h.stepLr()[16], 1e-12);
        assertEquals(0.0005, h.stepLr()[31], 1e-12);
        assertEquals(0.0005, net.getLearningRate("layer2.0.conv1"), 1e-12);
        assertEquals(6, h.toTable().columnCount());

        ComputationGraph again = small(7);
        History h2 = trainer.fit(again, train, test);
        assertArrayEquals(h.loss(), h2.loss(), "same seeds, same run");
        assertArrayEquals(h.valAccuracy(), h2.valAccuracy());
        net.close();
        again.close();
    }

    @Test
    void changingTheLearningRateKeepsTheMomentum() {
        ComputationGraph net = small(2);
        ImageSet data = blobs(32, 5);
        CifarResNetTrainer.builder()
                .epochs(1)
                .batchSize(32)
                .seed(1)
                .progress(false)
                .printEpochs(false)
                .build()
                .fit(net, data, data);
        INDArray velocity = net.getUpdater().getStateViewArray().dup();
        assertTrue(velocity.norm2Number().doubleValue() > 0, "momentum buffers are filled");
        net.setLearningRate(0.001);
        assertEquals(velocity, net.getUpdater().getStateViewArray(), "DL4J rebuilds the updater, keeping its state");
        assertEquals(0.001, net.getLearningRate("fc"), 1e-12);
        net.close();
    }

    @Test
    void mismatchedClassesAreRejected() {
        ComputationGraph net = CifarResNet.of(20).numClasses(10).inputSize(8, 8).build();
        ImageSet data = blobs(8, 0);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CifarResNetTrainer.builder().build().fit(net, data, data));
        assertTrue(e.getMessage().contains("numClasses(4)"), e.getMessage());
        net.close();
    }

    private static ComputationGraph small(long seed) {
        return CifarResNet.of(20).numClasses(4).inputSize(8, 8).seed(seed).build();
    }

    /**
     * Four classes of 3x8x8 images under noise: a 4x4 blob in the centre, red, green, blue or white (colour, not
     * position, tells the class, so crops and flips keep it).
     */
    static ImageSet blobs(int n, long seed) {
        Random rng = new Random(seed);
        float[] px = new float[n * 3 * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % 4;
            labels[i] = k;
            for (int j = 0; j < 3 * 64; j++) {
                px[i * 192 + j] = 0.3f + 0.2f * (float) rng.nextGaussian();
            }
            for (int ch = 0; ch < 3; ch++) {
                if (ch != k && k != 3) {
                    continue;
                }
                for (int r = 2; r < 6; r++) {
                    for (int c = 2; c < 6; c++) {
                        px[i * 192 + ch * 64 + r * 8 + c] += 0.6f;
                    }
                }
            }
        }
        INDArray images = Nd4j.create(px, new long[] {n, 3, 8, 8}, 'c');
        return new ImageSet(images, labels, List.of("a", "b", "c", "d"), "test blobs");
    }
}
