package dlkit.edges;

import dlkit.backend.CpuThreads;
import dlkit.nn.History;
import dlkit.nn.SgdMomentum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The compute of notebooks/EdgeDetection.ipynb at its full settings (Q1–Q7, the same experiments as
 * {@code bench/edges_torch.py}), timed per section; run by {@code bench/edges_bench.sh}.
 * <pre>
 * java -cp target-edges/modules/dlkit-lib/test-classes:target-edges/lib/* dlkit.edges.EdgeBench [scale] [--dl4j]
 * </pre>
 * {@code scale} multiplies every epoch count (default 1); {@code --dl4j} trains with DL4J's {@code fit} instead of
 * {@link EdgeFastPath} (for the before/after comparison). Prints {@code dlkit_<section>_seconds=} lines,
 * {@code dlkit_seconds=} and the final validation accuracies.
 */
public final class EdgeBench {

    private static final int[] SIZES = {10, 30, 50, 100};
    private static final int SEED = 2;
    private static final List<String> THREE = EdgeDetectionDataset.THREE_CLASSES;
    private static final List<String> FIVE = EdgeDetectionDataset.FIVE_CLASSES;

    private final double scale;
    private final boolean fast;

    private EdgeBench(double scale, boolean fast) {
        this.scale = scale;
        this.fast = fast;
    }

    public static void main(String[] args) {
        double scale = args.length > 0 && !args[0].startsWith("--") ? Double.parseDouble(args[0]) : 1;
        boolean dl4j = List.of(args).contains("--dl4j");
        CpuThreads.limit(1);
        EdgeBench warm = new EdgeBench(0.01, !dl4j); // JIT and ND4J start-up, not timed
        warm.q1();
        warm.q2();
        new EdgeBench(scale, !dl4j).runAll();
    }

    private void runAll() {
        Map<String, Double> times = new LinkedHashMap<>();
        Map<String, String> acc = new LinkedHashMap<>();
        long total = System.nanoTime();
        long t = System.nanoTime();
        acc.put("q1", q1());
        times.put("q1", secondsSince(t));
        t = System.nanoTime();
        acc.put("q2", q2());
        times.put("q2", secondsSince(t));
        t = System.nanoTime();
        acc.put("q3", q3());
        times.put("q3", secondsSince(t));
        t = System.nanoTime();
        acc.put("q4", q4());
        times.put("q4", secondsSince(t));
        t = System.nanoTime();
        acc.put("q5", q5());
        times.put("q5", secondsSince(t));
        t = System.nanoTime();
        acc.put("q6", q6());
        acc.put("q7", q7());
        times.put("q6q7", secondsSince(t));
        times.forEach((k, v) -> System.out.printf(Locale.ROOT, "dlkit_%s_seconds=%.2f%n", k, v));
        System.out.printf(Locale.ROOT, "dlkit_seconds=%.2f%n", secondsSince(total));
        acc.forEach((k, v) -> System.out.printf(Locale.ROOT, "dlkit_%s_accuracy=%s%n", k, v));
    }

    private static double secondsSince(long t) {
        return (System.nanoTime() - t) / 1e9;
    }

    private int epochs(int e) {
        return Math.max(1, (int) Math.round(e * scale));
    }

    private History train(
            MultiLayerNetwork net,
            org.nd4j.linalg.learning.config.IUpdater u,
            int e,
            EdgeLoader train,
            EdgeLoader valid) {
        return EdgeTraining.trainModel(net, u, epochs(e), train, valid, null, fast);
    }

    private double eval(MultiLayerNetwork net, EdgeLoader loader) {
        return EdgeTraining.evaluate(net, loader, fast).accuracy();
    }

    private static SgdMomentum sgd() {
        return new SgdMomentum(1e-2, 0.9);
    }

    /** The notebook's loaders: train sets of {@code n} per class (seed + n, batches of 10, shuffled), valid 50 per class. */
    static Map<Integer, EdgeLoader> trainLoaders(int[] sizes, EdgeDetectionDataset.Builder config, int seed) {
        Map<Integer, EdgeLoader> out = new LinkedHashMap<>();
        for (int n : sizes) {
            out.put(
                    n,
                    new EdgeLoader(
                            config.dataPerClass(n).mode("train").seed(seed + n).build(), 10, true, seed));
        }
        return out;
    }

    static EdgeLoader validLoader(EdgeDetectionDataset.Builder config, int seed, int batch, boolean shuffle) {
        return new EdgeLoader(
                config.dataPerClass(50).mode("valid").seed(seed - 1).build(), batch, shuffle, seed);
    }

    private String q1() {
        EdgeLoader small = new EdgeLoader(
                EdgeDetectionDataset.builder()
                        .dataPerClass(10)
                        .classTypes(THREE)
                        .mode("train")
                        .seed(SEED)
                        .build(),
                32,
                true,
                SEED);
        MultiLayerNetwork cnn = EdgeModels.simpleCnn(7, 3, SEED);
        MultiLayerNetwork mlp = EdgeModels.threeLayerMlp(new int[] {50, 10}, 3);
        train(cnn, sgd(), 500, small, null);
        train(mlp, sgd(), 500, small, null);
        return String.format(Locale.ROOT, "CNN %.1f MLP %.1f", eval(cnn, small), eval(mlp, small));
    }

    private String q2() {
        Map<Integer, EdgeLoader> train =
                trainLoaders(SIZES, EdgeDetectionDataset.builder().classTypes(THREE), SEED);
        EdgeLoader valid = validLoader(EdgeDetectionDataset.builder().classTypes(THREE), SEED, 256, false);
        List<String> r = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            int n = SIZES[i];
            MultiLayerNetwork cnn = EdgeModels.simpleCnn(7, 3, SEED);
            MultiLayerNetwork mlp = EdgeModels.threeLayerMlp(new int[] {50, 10}, 3);
            train(cnn, sgd(), 30, train.get(n), null);
            train(mlp, sgd(), 30, train.get(n), null);
            MultiLayerNetwork edge = EdgeModels.simpleCnn(7, 3, SEED + i);
            EdgeModels.initWithEdgeDetectors(edge);
            edge = EdgeModels.freezeConv(edge);
            train(edge, sgd(), 30, train.get(n), null);
            r.add(String.format(Locale.ROOT, "%.0f/%.0f/%.0f", eval(cnn, valid), eval(mlp, valid), eval(edge, valid)));
        }
        return "CNN/MLP/edge " + String.join(" ", r);
    }

    private String q3() {
        Map<Integer, EdgeLoader> train =
                trainLoaders(SIZES, EdgeDetectionDataset.builder().classTypes(THREE), SEED);
        EdgeLoader valid = validLoader(EdgeDetectionDataset.builder().classTypes(THREE), SEED, 256, false);
        List<String> r = new ArrayList<>();
        for (int n : SIZES) {
            double c = train(EdgeModels.simpleCnn(7, 3, SEED), sgd(), 100, train.get(n), valid)
                    .finalValAccuracy();
            double m = train(EdgeModels.threeLayerMlp(new int[] {50, 10}, 3), sgd(), 100, train.get(n), valid)
                    .finalValAccuracy();
            r.add(String.format(Locale.ROOT, "%.0f/%.0f", c, m));
        }
        return "CNN/MLP " + String.join(" ", r);
    }

    private String q4() {
        EdgeDetectionDataset.Builder cfg =
                EdgeDetectionDataset.builder().classTypes(THREE).possibleEdgeLocationRatio(0.5);
        Map<Integer, EdgeLoader> train = trainLoaders(SIZES, cfg, SEED);
        EdgeLoader valid = validLoader(cfg, SEED, 10, false);
        List<String> r = new ArrayList<>();
        History mlp = null;
        History cnn = null;
        for (int n : SIZES) {
            cnn = train(EdgeModels.simpleCnn(7, 3, SEED), sgd(), 300, train.get(n), valid);
            mlp = train(EdgeModels.threeLayerMlp(new int[] {50, 10}, 3), sgd(), 300, train.get(n), valid);
            r.add(String.format(Locale.ROOT, "%.0f/%.0f", cnn.finalValAccuracy(), mlp.finalValAccuracy()));
        }
        History tuned = train(EdgeModels.simpleCnn(3, 3, SEED), sgd(), 300, train.get(SIZES[0]), valid);
        return "CNN/MLP " + String.join(" ", r)
                + String.format(Locale.ROOT, " tuned-k3@10 %.0f", tuned.finalValAccuracy()) + " CNN cm@100 "
                + java.util.Arrays.deepToString(cnn.confusionMatrix())
                + " MLP cm@100 " + java.util.Arrays.deepToString(mlp.confusionMatrix());
    }

    private String q5() {
        int[] perm = EdgeDetectionDataset.randomPermutation(784, SEED);
        EdgeDetectionDataset.Builder cfg =
                EdgeDetectionDataset.builder().classTypes(THREE).permutation(perm);
        Map<Integer, EdgeLoader> train = trainLoaders(SIZES, cfg, SEED);
        EdgeLoader valid = validLoader(cfg, SEED, 10, false);
        List<String> r = new ArrayList<>();
        for (int n : SIZES) {
            double c = train(EdgeModels.simpleCnn(7, 3, SEED), sgd(), 300, train.get(n), valid)
                    .finalValAccuracy();
            double m = train(EdgeModels.threeLayerMlp(new int[] {50, 10}, 3), sgd(), 300, train.get(n), valid)
                    .finalValAccuracy();
            r.add(String.format(Locale.ROOT, "%.0f/%.0f", c, m));
        }
        return "CNN/MLP " + String.join(" ", r);
    }

    private EdgeLoader fiveValid;

    private String q6() {
        EdgeDetectionDataset.Builder cfg = EdgeDetectionDataset.builder().classTypes(FIVE);
        Map<Integer, EdgeLoader> train = trainLoaders(SIZES, cfg, SEED);
        fiveValid = validLoader(EdgeDetectionDataset.builder().classTypes(FIVE), SEED, 10, true);
        List<String> r = new ArrayList<>();
        for (int n : SIZES) {
            double c = train(EdgeModels.simpleCnn(7, 5, SEED), sgd(), 200, train.get(n), fiveValid)
                    .finalValAccuracy();
            double m = train(EdgeModels.threeLayerMlp(new int[] {50, 10}, 5), sgd(), 200, train.get(n), fiveValid)
                    .finalValAccuracy();
            double a = train(EdgeModels.simpleCnnAvgPool(7, 5, SEED), sgd(), 200, train.get(n), fiveValid)
                    .finalValAccuracy();
            r.add(String.format(Locale.ROOT, "%.0f/%.0f/%.0f", c, m, a));
        }
        return "max/MLP/avg " + String.join(" ", r);
    }

    private String q7() {
        EdgeLoader q7 = new EdgeLoader(
                EdgeDetectionDataset.builder()
                        .dataPerClass(30)
                        .classTypes(FIVE)
                        .mode("train")
                        .seed(SEED + 30)
                        .build(),
                10,
                true,
                SEED);
        double w = train(EdgeModels.widerCnn(7, 5, SEED), new Adam(3e-3), 200, q7, fiveValid)
                .finalValAccuracy();
        double d = train(EdgeModels.deeperCnn(7, 5, SEED), new Adam(3e-3), 200, q7, fiveValid)
                .finalValAccuracy();
        return String.format(Locale.ROOT, "wider/deeper %.0f/%.0f", w, d);
    }
}
