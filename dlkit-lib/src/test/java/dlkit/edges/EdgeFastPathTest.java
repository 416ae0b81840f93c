package dlkit.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.backend.CpuThreads;
import dlkit.nn.History;
import dlkit.nn.SgdMomentum;
import dlkit.nn.TrainStep;
import dlkit.nn.Updaters;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link EdgeFastPath} against DL4J's own {@code fit}: the same network, data and batch order trained both ways,
 * epoch by epoch (losses, accuracies, validation results, confusion matrices) and parameter by parameter at the end.
 */
class EdgeFastPathTest {

    private static final int EPOCHS = 4;

    @BeforeAll
    static void oneThread() {
        CpuThreads.limit(1);
    }

    private static EdgeLoader loader(List<String> classes, int perClass, int batch, String mode, long seed) {
        EdgeDetectionDataset ds = EdgeDetectionDataset.builder()
                .dataPerClass(perClass)
                .classTypes(classes)
                .mode(mode)
                .seed(seed)
                .build();
        return new EdgeLoader(ds, batch, mode.equals("train"), seed);
    }

    /** Trains a copy of {@code net} through DL4J and another through the fast path and compares everything. */
    private static void assertSameTraining(Supplier<MultiLayerNetwork> model, IUpdater updater, List<String> classes) {
        MultiLayerNetwork viaDl4j = model.get();
        MultiLayerNetwork viaFast = model.get();
        assertNotNull(EdgeFastPath.tryCreate(viaFast, updater), "the fast path takes this network");
        History slow = EdgeTraining.trainModel(
                viaDl4j,
                updater,
                EPOCHS,
                loader(classes, 6, 5, "train", 3),
                loader(classes, 4, 7, "valid", 4),
                null,
                false);
        History fast = EdgeTraining.trainModel(
                viaFast,
                updater,
                EPOCHS,
                loader(classes, 6, 5, "train", 3),
                loader(classes, 4, 7, "valid", 4),
                null,
                true);
        assertArrayEquals(slow.trainLoss(), fast.trainLoss(), 1e-6, "training losses");
        assertArrayEquals(slow.trainAccuracy(), fast.trainAccuracy(), 0, "training accuracies");
        assertArrayEquals(slow.valLoss(), fast.valLoss(), 1e-5, "validation losses");
        assertArrayEquals(slow.valAccuracy(), fast.valAccuracy(), 0, "validation accuracies");
        assertArrayEquals(slow.confusionMatrix(), fast.confusionMatrix(), "confusion matrices");
        double maxDiff = viaDl4j.params().sub(viaFast.params()).amaxNumber().doubleValue();
        // float rounding differs (other summation orders); Adam divides by sqrt(v) and so magnifies it about 10x
        double tolerance = updater instanceof Adam ? 1e-5 : 1e-6;
        assertTrue(maxDiff < tolerance, "parameters after " + EPOCHS + " epochs differ by " + maxDiff);
        assertTrue(viaDl4j.params().sub(model.get().params()).amaxNumber().doubleValue() > 1e-3, "they trained");
        // one full-batch step of SGD with lr 1 moves every parameter by minus its gradient: compare the gradients
        MultiLayerNetwork g0 = model.get();
        MultiLayerNetwork gDl4j = model.get();
        MultiLayerNetwork gFast = model.get();
        EdgeTraining.trainModel(gDl4j, new Sgd(1), 1, loader(classes, 6, 100, "train", 3), null, null, false);
        EdgeTraining.trainModel(gFast, new Sgd(1), 1, loader(classes, 6, 100, "train", 3), null, null, true);
        for (int i = 0; i < g0.getnLayers(); i++) { // layer by layer: conv1's gradients are far smaller than fc's
            if (g0.getLayer(i).numParams() == 0) {
                continue;
            }
            org.nd4j.linalg.api.ndarray.INDArray step =
                    g0.getLayer(i).params().sub(gDl4j.getLayer(i).params());
            double gradDiff = step.sub(
                            g0.getLayer(i).params().sub(gFast.getLayer(i).params()))
                    .amaxNumber()
                    .doubleValue();
            assertTrue(
                    gradDiff <= 1e-4 * step.amaxNumber().doubleValue() + 1e-9,
                    "layer " + i + ": gradients differ by " + gradDiff + " (largest " + step.amaxNumber() + ")");
        }
        EdgeLoader valid = loader(classes, 4, 7, "valid", 4);
        assertEquals(
                EdgeTraining.evaluate(viaDl4j, valid, false).loss(),
                EdgeTraining.evaluate(viaFast, valid).loss(),
                1e-5,
                "evaluate through both paths");
    }

    private static final List<String> THREE = EdgeDetectionDataset.THREE_CLASSES;
    private static final List<String> FIVE = EdgeDetectionDataset.FIVE_CLASSES;

    @Test
    void simpleCnnWithSgdMomentum() {
        assertSameTraining(() -> EdgeModels.simpleCnn(7, 3, 1), new SgdMomentum(1e-2, 0.9), THREE);
    }

    @Test
    void smallKernelsOddSizesAndAveragePooling() {
        assertSameTraining(() -> EdgeModels.simpleCnn(2, 3, 2), new SgdMomentum(5e-2, 0.9), THREE); // 27 -> 13 -> 12
        assertSameTraining(() -> EdgeModels.simpleCnn(3, 3, 3), new Sgd(5e-2), THREE);
        assertSameTraining(() -> EdgeModels.simpleCnnAvgPool(7, 5, 4), new SgdMomentum(1e-2, 0.9), FIVE);
    }

    @Test
    void widerAndDeeperCnnsWithAdam() {
        assertSameTraining(() -> EdgeModels.widerCnn(7, 5, 5), new Adam(3e-3), FIVE);
        assertSameTraining(() -> EdgeModels.deeperCnn(5, 5, 6), new Adam(3e-3), FIVE);
    }

    @Test
    void asATrainStepItIsDl4jsFitStepByStep() {
        IUpdater updater = new Adam(3e-3);
        MultiLayerNetwork viaDl4j = EdgeModels.widerCnn(7, 5, 5);
        MultiLayerNetwork viaStep = EdgeModels.widerCnn(7, 5, 5);
        Updaters.set(viaDl4j, updater);
        Updaters.set(viaStep, updater);
        EdgeLoader train = loader(FIVE, 6, 5, "train", 3);
        int steps = 0;
        try (TrainStep step = EdgeFastPath.tryCreate(viaStep, updater)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int[] rows : train.batchIndices()) {
                    INDArray x = train.features(rows);
                    INDArray y = train.oneHot(rows);
                    viaDl4j.fit(x, y);
                    // float sums in another order, magnified by Adam as in assertSameTraining
                    assertEquals(viaDl4j.score(), step.fit(x, y), 1e-5, "score after step " + steps);
                    steps++;
                }
            }
        }
        assertEquals(12, steps, "30 images in batches of 5, two epochs");
        double maxDiff = viaDl4j.params().sub(viaStep.params()).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-5, "close() wrote back parameters that differ by " + maxDiff);
        assertEquals(steps, viaStep.getLayerWiseConfigurations().getIterationCount(), "iterations as fit counts");
    }

    @Test
    void anEvaluationOnlyPathRefusesToTrain() {
        MultiLayerNetwork net = EdgeModels.simpleCnn(7, 3, 1);
        EdgeLoader train = loader(THREE, 2, 3, "train", 3);
        int[] rows = train.batchIndices().get(0);
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> EdgeFastPath.tryCreate(net, null).fit(train.features(rows), train.oneHot(rows)));
        assertTrue(e.getMessage().contains("evaluation only"), e.getMessage());
    }

    @Test
    void mlp() {
        assertSameTraining(() -> EdgeModels.threeLayerMlp(new int[] {50, 10}, 3), new SgdMomentum(1e-2, 0.9), THREE);
        assertSameTraining(() -> EdgeModels.threeLayerMlp(new int[] {50, 10}, 5), new Adam(1e-3), FIVE);
    }

    @Test
    void frozenEdgeDetectorCnn() {
        assertSameTraining(
                () -> {
                    MultiLayerNetwork net = EdgeModels.simpleCnn(7, 3, 7);
                    EdgeModels.initWithEdgeDetectors(net);
                    return EdgeModels.freezeConv(net);
                },
                new SgdMomentum(1e-2, 0.9),
                THREE);
    }

    @Test
    void otherNetworksAndOptimizersAreLeftToDl4j() {
        MultiLayerNetwork cnn = EdgeModels.simpleCnn(7, 3, 1);
        assertNull(EdgeFastPath.tryCreate(cnn, new Nesterovs(1e-2, 0.9)), "no Nesterov momentum");
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .l2(1e-4)
                .updater(new Sgd(1e-2))
                .list()
                .layer(new DenseLayer.Builder()
                        .nOut(8)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork l2 = new MultiLayerNetwork(conf);
        l2.init();
        assertNull(EdgeFastPath.tryCreate(l2, new Sgd(1e-2)), "no weight decay");
        History h = EdgeTraining.trainModel(l2, new Sgd(1e-2), 2, loader(THREE, 4, 4, "train", 1), null, null);
        assertEquals(2, h.epochs()); // trained by DL4J
    }
}
