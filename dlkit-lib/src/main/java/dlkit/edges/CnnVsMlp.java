package dlkit.edges;

import dlkit.nn.History;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One training-set size of the homework's recurring experiment (Q2–Q6): a SimpleCNN (kernel 7) and a
 * ThreeLayerMLP ([50, 10]), built afresh with the same seeds and trained alike on the same loader.
 *
 * <pre>{@code
 * Map<Integer, CnnVsMlp> q3 = CnnVsMlp.run(trainLoaders, validLoader, sgd, 100, seed,
 *         r -> display(EdgePlots.validationCurves(r.cnn(), r.mlp(), "MLP").withTitle(r.title())));
 * q3.get(30).cnn().finalValAccuracy();   q3.get(30).kernels();   CnnVsMlp.accuracies(q3).get("MLP");
 * }</pre>
 *
 * @param imagesPerClass   the training-set size
 * @param cnn              the CNN's history, validated after every epoch
 * @param mlp              the MLP's history
 * @param untrainedKernels the CNN's first-layer kernels before training
 * @param kernels          the CNN's first-layer kernels after training
 */
public record CnnVsMlp(int imagesPerClass, History cnn, History mlp, INDArray untrainedKernels, INDArray kernels) {

    /** The homework's networks: SimpleCNN(kernel_size=7) and ThreeLayerMLP([50, 10]). */
    public static final int KERNEL_SIZE = 7;

    private static final int[] MLP_HIDDEN = {50, 10};

    /** {@link #run(Map, EdgeLoader, IUpdater, int, long, Consumer)} with nothing shown per size. */
    public static Map<Integer, CnnVsMlp> run(
            Map<Integer, EdgeLoader> trainLoaders, EdgeLoader validLoader, IUpdater optimizer, int epochs, long seed) {
        return run(trainLoaders, validLoader, optimizer, epochs, seed, r -> {});
    }

    /**
     * For each training-set size (the map's keys, in its order): trains both networks for {@code epochs} on its
     * loader, validating on {@code validLoader}, prints {@code n =  30: CNN 96.7 %, MLP 80.0 %}, then hands the
     * result to {@code eachSize} (to draw it under that line).
     */
    public static Map<Integer, CnnVsMlp> run(
            Map<Integer, EdgeLoader> trainLoaders,
            EdgeLoader validLoader,
            IUpdater optimizer,
            int epochs,
            long seed,
            Consumer<CnnVsMlp> eachSize) {
        Map<Integer, CnnVsMlp> runs = new LinkedHashMap<>();
        for (Map.Entry<Integer, EdgeLoader> e : trainLoaders.entrySet()) {
            int n = e.getKey();
            int classes = e.getValue().numClasses();
            MultiLayerNetwork cnn = EdgeModels.simpleCnn(KERNEL_SIZE, classes, seed);
            MultiLayerNetwork mlp = EdgeModels.threeLayerMlp(MLP_HIDDEN, classes);
            INDArray untrained = EdgeModels.conv1Kernels(cnn);
            History c = EdgeTraining.trainModel(cnn, optimizer, epochs, e.getValue(), validLoader, "CNN, n=" + n);
            History m = EdgeTraining.trainModel(mlp, optimizer, epochs, e.getValue(), validLoader, "MLP, n=" + n);
            CnnVsMlp r = new CnnVsMlp(n, c, m, untrained, EdgeModels.conv1Kernels(cnn));
            System.out.printf("n = %3d: CNN %.1f %%, MLP %.1f %%%n", n, c.finalValAccuracy(), m.finalValAccuracy());
            eachSize.accept(r);
            runs.put(n, r);
        }
        return runs;
    }

    /** Final validation accuracies by size, as {@link EdgePlots#accuracyVsImages} takes them: "CNN" and "MLP". */
    public static Map<String, double[]> accuracies(Map<Integer, CnnVsMlp> runs) {
        Map<String, double[]> byModel = new LinkedHashMap<>();
        byModel.put(
                "CNN",
                runs.values().stream()
                        .mapToDouble(r -> r.cnn().finalValAccuracy())
                        .toArray());
        byModel.put(
                "MLP",
                runs.values().stream()
                        .mapToDouble(r -> r.mlp().finalValAccuracy())
                        .toArray());
        return byModel;
    }

    /** "30 images per class". */
    public String title() {
        return imagesPerClass + " images per class";
    }
}
