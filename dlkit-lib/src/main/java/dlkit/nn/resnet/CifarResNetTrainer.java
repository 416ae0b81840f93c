package dlkit.nn.resnet;

import dlkit.data.Augmentation;
import dlkit.data.DataLoader;
import dlkit.data.ImageSet;
import dlkit.data.Normalization;
import dlkit.nn.History;
import dlkit.nn.Seeds;
import dlkit.nn.TrainStep;
import dlkit.nn.Trainer;
import dlkit.nn.onednn.OneDnnTrainer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The paper's CIFAR training loop (He et al. 2016, §4.2) for a {@link CifarResNet}: minibatches of 128, every image
 * of a batch augmented ({@link Augmentation}: 4 black pixels of padding, a random 32×32 crop, a horizontal flip with
 * probability ½, on the raw pixels as torchvision's {@code RandomCrop(32, padding=4)}) and normalised per
 * channel with the training set's mean and standard deviation; the learning rate starts at 0.1 and is divided by 10
 * at given iterations (the paper's 32k and 48k of 64k). Momentum and weight decay are part of the network's
 * configuration ({@link CifarResNet}). After every epoch both the test set and (an equally large part of) the
 * training set are evaluated without augmentation, in evaluation mode, giving train-vs-test curves. The loop is
 * the {@link Trainer}'s ({@link Trainer#run}); this class supplies the data pipeline, the oneDNN step and the
 * evaluation.
 *
 * <pre>{@code
 * ComputationGraph net = CifarResNet.resnet20(10, 42);
 * CifarResNetTrainer trainer = CifarResNetTrainer.builder().epochs(3).seed(42).build();  // lr drops at 50 % and 75 %
 * History h = trainer.fit(net, data.train(), data.test());
 * CifarResNetTrainer.builder().iterations(64_000).lrDrops(32_000, 48_000).build();      // the paper's schedule
 * }</pre>
 * With a seed the weights' initialisation aside (the network's own seed), shuffling, augmentation and ND4J's
 * generator are seeded, so a CPU run repeats exactly.
 */
public final class CifarResNetTrainer {

    /** Test images per evaluation batch. */
    private static final int EVAL_BATCH = 500;

    /** Epochs, batch size, seed and progress bar: the Trainer's own settings (the loop in {@link #fit} derives from them). */
    private final Trainer settings;

    private final Integer iterations;
    private final double lr;
    private final int[] lrDrops;
    private final boolean augment;
    private final int trainEvalSize;
    private final boolean printEpochs;

    private CifarResNetTrainer(Builder b) {
        this.settings = b.loop.build();
        this.iterations = b.iterations;
        this.lr = b.lr;
        this.lrDrops = b.lrDrops;
        this.augment = b.augment;
        this.trainEvalSize = b.trainEvalSize;
        this.printEpochs = b.printEpochs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Steps per epoch for {@code trainSize} images: the last, smaller batch is kept (PyTorch's DataLoader). */
    public int stepsPerEpoch(int trainSize) {
        return (trainSize + settings.batchSize() - 1) / settings.batchSize();
    }

    /** Epochs this trainer runs on {@code trainSize} images: {@code epochs}, or enough epochs for {@code iterations}. */
    public int epochs(int trainSize) {
        if (iterations == null) {
            return settings.epochs();
        }
        int spe = stepsPerEpoch(trainSize);
        return (iterations + spe - 1) / spe;
    }

    /** Total steps on {@code trainSize} images. */
    public int totalSteps(int trainSize) {
        return iterations != null ? iterations : settings.epochs() * stepsPerEpoch(trainSize);
    }

    /**
     * The iterations (0-based step index from which the smaller rate applies) where the learning rate is divided by
     * 10: the ones given, or at 50 % and 75 % of the run (the paper's 32k and 48k of 64k).
     */
    public int[] lrDrops(int trainSize) {
        if (lrDrops != null) {
            return lrDrops.clone();
        }
        int total = totalSteps(trainSize);
        return new int[] {total / 2, total * 3 / 4};
    }

    /** The learning rate of step {@code step} (0-based): the base rate divided by 10 per drop already reached. */
    public static double learningRate(double base, int[] drops, int step) {
        double r = base;
        for (int d : drops) {
            if (step >= d) {
                r /= 10;
            }
        }
        return r;
    }

    /** One line describing the schedule for {@code trainSize} images. */
    public String describe(int trainSize) {
        return String.format(
                Locale.ROOT,
                "SGD batch %d, %d steps/epoch, %d epochs = %d iterations, lr %s divided by 10 at iterations %s, "
                        + "augmentation %s",
                settings.batchSize(),
                stepsPerEpoch(trainSize),
                epochs(trainSize),
                totalSteps(trainSize),
                lr,
                Arrays.toString(lrDrops(trainSize)),
                augment ? "random crop (4-pixel padding) + horizontal flip" : "off");
    }

    /** Trains {@code net} on {@code train}, evaluating on {@code test} after every epoch. */
    public History fit(ComputationGraph net, ImageSet train, ImageSet test) {
        if (train.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException(
                    "need training and test images, got " + train.size() + " and " + test.size());
        }
        int classes = (int) ((FeedForwardLayer) net.getOutputLayer(0).conf().getLayer()).getNOut();
        if (train.classes().size() != classes) {
            throw new IllegalArgumentException("the network has " + classes + " outputs but the data has "
                    + train.classes().size() + " classes: build it with numClasses("
                    + train.classes().size() + ")");
        }
        long seed = settings.seed();
        Seeds.set(seed);
        float[][] stats = channelStats(train.images());
        int n = train.size();
        long[] shape = train.images().shape();
        // crop and flip the raw [0, 1] pixels (padding black), then normalise: torchvision's order in the lab
        Augmentation aug = Augmentation.randomCrop(4).withFlip(0.5).seed(seed);
        DataLoader batches = new DataLoader(
                        train.images(), oneHot(train.labels(), classes), settings.batchSize(), true, new Random(seed))
                .transform(raw -> {
                    float[] px =
                            (augment ? aug.apply(raw) : raw).dup('c').data().asFloat();
                    normalize(px, (int) raw.size(0), (int) shape[1], (int) (shape[2] * shape[3]), stats);
                    return Nd4j.create(px, raw.shape(), 'c');
                });
        ImageSet trainEval = train.head(Math.min(n, trainEvalSize > 0 ? trainEvalSize : test.size()));
        int nEpochs = epochs(n);
        int[] drops = lrDrops(n);
        long start = System.nanoTime();
        Trainer loop = Trainer.builder()
                .epochs(nEpochs)
                .maxSteps(totalSteps(n))
                .stepSchedule(step -> learningRate(lr, drops, step))
                .progress(settings.progress())
                .build();
        // on the CPU the forward/backward passes run on oneDNN primitives (the same training; DL4J's updater)
        try (TrainStep trainStep = OneDnnTrainer.stepFor(net, (int) shape[1], (int) shape[2], (int) shape[3])) {
            return loop.run(batches, new Trainer.Hooks() {
                private double current = Double.NaN;

                @Override
                public double step(int epoch, int batch, int[] rows) {
                    DataSet b = batches.batch(rows);
                    trainStep.fit(b.getFeatures(), b.getLabels());
                    // DL4J's score adds the L2 penalty; the curve shows the cross-entropy alone, as PyTorch's loss
                    return net.score() - net.calcRegularizationScore(true);
                }

                @Override
                public void setLearningRate(double rate) {
                    net.setLearningRate(rate);
                    current = rate;
                }

                @Override
                public Trainer.Epoch endEpoch(int e) {
                    double[] tr = evaluate(net, trainEval, stats);
                    double[] te = evaluate(net, test, stats);
                    if (printEpochs) {
                        System.out.printf(
                                Locale.ROOT,
                                "Epoch %d/%d (lr %s): train loss %.3f, acc %.2f%% | test loss "
                                        + "%.3f, acc %.2f%% | %.0f s%n",
                                e + 1,
                                nEpochs,
                                current,
                                tr[0],
                                tr[1],
                                te[0],
                                te[1],
                                (System.nanoTime() - start) / 1e9);
                    }
                    // the test set is what this lab evaluates on after every epoch: the history's "val" series
                    return new Trainer.Epoch(tr[0], tr[1], te[0], te[1], null);
                }
            });
        }
    }

    /**
     * Mean cross-entropy and accuracy (percent) of {@code net} on {@code data} in evaluation mode, with the
     * per-channel {@code stats} ({@code [means, stds]}) applied to the images.
     */
    public static double[] evaluate(ComputationGraph net, ImageSet data, float[][] stats) {
        int n = data.size();
        long[] shape = data.images().shape();
        int c = (int) shape[1];
        int plane = (int) (shape[2] * shape[3]);
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int to = Math.min(n, from + EVAL_BATCH);
            float[] px = data.images()
                    .get(NDArrayIndex.interval(from, to))
                    .dup('c')
                    .data()
                    .asFloat();
            normalize(px, to - from, c, plane, stats);
            long[] s = shape.clone();
            s[0] = to - from;
            INDArray probs = net.outputSingle(false, Nd4j.create(px, s, 'c'));
            float[] p = probs.castTo(DataType.FLOAT).dup('c').data().asFloat();
            int k = (int) probs.size(1);
            for (int i = 0; i < to - from; i++) {
                int label = data.labels()[from + i];
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (p[i * k + j] > p[i * k + best]) {
                        best = j;
                    }
                }
                if (best == label) {
                    correct++;
                }
                lossSum -= Math.log(Math.max(p[i * k + label], 1e-12f));
            }
        }
        return new double[] {lossSum / n, 100.0 * correct / n};
    }

    /** Per-channel mean and standard deviation of {@code [N, C, H, W]} images: {@code [means, stds]}. */
    public static float[][] channelStats(INDArray images) {
        double[] mean = Normalization.channelMeans(images);
        double[] std = Normalization.channelStds(images);
        float[][] stats = new float[2][mean.length];
        for (int i = 0; i < mean.length; i++) {
            stats[0][i] = (float) mean[i];
            stats[1][i] =
                    std[i] == 0 ? 1f : (float) std[i]; // a constant channel (padded gray substitute) is only centred
        }
        return stats;
    }

    static void normalize(float[] px, int n, int c, int plane, float[][] stats) {
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                float m = stats[0][ch];
                float inv = 1f / stats[1][ch];
                int base = (i * c + ch) * plane;
                for (int j = base; j < base + plane; j++) {
                    px[j] = (px[j] - m) * inv;
                }
            }
        }
    }

    private static INDArray oneHot(int[] labels, int classes) {
        float[] y = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            y[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(y, new long[] {labels.length, classes}, 'c');
    }

    /**
     * Settings; defaults are the paper's: batch 128, lr 0.1, drops at 50 %/75 % of the run, augmentation on. Epochs,
     * batch size, seed and the progress bar are {@link Trainer.Builder}'s (same checks); the rest is this lab's.
     */
    public static final class Builder {
        private final Trainer.Builder loop = Trainer.builder().batchSize(128).seed(42);
        private Integer iterations;
        private double lr = 0.1;
        private int[] lrDrops;
        private boolean augment = true;
        private int trainEvalSize;
        private boolean printEpochs = true;

        private Builder() {}

        /** Passes over the training images (default 1). */
        public Builder epochs(int epochs) {
            loop.epochs(epochs);
            this.iterations = null;
            return this;
        }

        /** Train for a number of steps instead of epochs (the paper: 64,000); the last epoch may be partial. */
        public Builder iterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        public Builder batchSize(int batchSize) {
            loop.batchSize(batchSize);
            return this;
        }

        /** The starting learning rate (default 0.1). */
        public Builder lr(double lr) {
            if (!(lr > 0)) {
                throw new IllegalArgumentException("lr must be > 0, got " + lr);
            }
            this.lr = lr;
            return this;
        }

        /** Iterations at which the learning rate is divided by 10 (the paper: 32000, 48000); none: constant rate. */
        public Builder lrDrops(int... iterations) {
            int[] d = iterations.clone();
            Arrays.sort(d);
            if (d.length > 0 && d[0] < 0) {
                throw new IllegalArgumentException(
                        "learning-rate drops must be at iterations >= 0, got " + Arrays.toString(iterations));
            }
            this.lrDrops = d;
            return this;
        }

        public Builder augment(boolean augment) {
            this.augment = augment;
            return this;
        }

        /** Seed of the shuffles, the augmentation and ND4J's generator (default 42). */
        public Builder seed(long seed) {
            loop.seed(seed);
            return this;
        }

        /** Training images evaluated after each epoch (default 0: as many as there are test images). */
        public Builder trainEvalSize(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("trainEvalSize must be >= 0, got " + n);
            }
            this.trainEvalSize = n;
            return this;
        }

        public Builder progress(boolean progress) {
            loop.progress(progress);
            return this;
        }

        /** One line per epoch with lr, train and test loss and accuracy (default on). */
        public Builder printEpochs(boolean printEpochs) {
            this.printEpochs = printEpochs;
            return this;
        }

        public CifarResNetTrainer build() {
            return new CifarResNetTrainer(this);
        }
    }
}
