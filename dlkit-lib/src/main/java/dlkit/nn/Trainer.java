package dlkit.nn;

import dlkit.data.DataLoader;
import dlkit.display.ProgressBar;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A training loop for DL4J networks ({@code MultiLayerNetwork} or {@code ComputationGraph}) that records every
 * step's loss, shows a progress bar that redraws in place, and returns a {@link History}.
 * <pre>{@code
 * History h = Trainer.builder().epochs(10).batchSize(64).lr(3e-3).optimizer(Optimizer.SGD).seed(0)
 *         .build().fit(net, train, test);
 * }</pre>
 * For the CIFAR labs: a learning-rate schedule per epoch, augmentation of every training batch, training
 * accuracy per epoch and the PyTorch tutorial's running-loss lines:
 * <pre>{@code
 * History h = Trainer.builder().epochs(30).batchSize(128).updater(new Nesterovs(0.01, 0.9))
 *         .schedule(LrSchedule.step(0.01, 0.9, 5)).augment(Augmentation.cifar(0)).trainAccuracy(true)
 *         .printEpochs(true).seed(0).build().fit(net, train, val);
 * }</pre>
 * Every {@code fit} starts a fresh optimizer (state and step count at zero), like creating a new
 * {@code torch.optim} optimizer. With a seed, ND4J's generator (dropout masks) and the shuffle are seeded, so
 * runs repeat exactly on the CPU. Networks made only of one linear output layer with squared error (the homework's
 * toy models) are trained by {@link LinearFastPath}, with the same arithmetic but without DL4J's per-step overhead.
 *
 * <p>{@link #run} is the loop itself, for any compiled step: it iterates a {@link DataLoader}'s batches (one
 * shuffle), calls {@link Hooks} for each step and each epoch's evaluation, stops at {@link Builder#maxSteps}, and
 * returns the {@link History}. {@code fit} is {@code run} with DL4J's step; the ResNet lab
 * ({@code CifarResNetTrainer}), the EdgeDetection homework ({@code EdgeTraining}) and the GPUMemory experiments
 * ({@code MemoryExperiments.runTrain}) plug in theirs:
 * <pre>{@code
 * DataLoader batches = new DataLoader(x, y, 32, true, new Random(seed));
 * History h = Trainer.builder().epochs(3).maxSteps(100).build().run(batches, (epoch, batch, rows) -> {
 *     DataSet b = batches.batch(rows);
 *     return step.fit(b.getFeatures(), b.getLabels());      // a TrainStep: oneDNN, plain Java, or DL4J's fit
 * });
 * }</pre>
 */
public final class Trainer {

    private final int epochs;
    private final int batchSize;
    private final IUpdater updater;
    private final Long seed;
    private final boolean shuffle;
    private final boolean progress;
    private final boolean printEpochs;
    private final boolean fastPath;
    private final String label;
    private final LrSchedule schedule;
    private final UnaryOperator<INDArray> augment;
    private final boolean trainAccuracy;
    private final int printEvery;
    private final int maxSteps;
    private final IntToDoubleFunction stepSchedule;

    private Trainer(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.updater = b.updater != null ? b.updater : b.optimizer.updater(b.lr);
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.progress = b.progress;
        this.printEpochs = b.printEpochs;
        this.fastPath = b.fastPath;
        this.label = b.label;
        this.schedule = b.schedule;
        this.augment = b.augment;
        this.trainAccuracy = b.trainAccuracy;
        this.printEvery = b.printEvery;
        this.maxSteps = b.maxSteps;
        this.stepSchedule = b.stepSchedule;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Passes over the data (see {@link Builder#epochs}). */
    public int epochs() {
        return epochs;
    }

    /** Rows per step (see {@link Builder#batchSize}). */
    public int batchSize() {
        return batchSize;
    }

    /** The seed of the shuffle and ND4J's generator, or null when unseeded. */
    public Long seed() {
        return seed;
    }

    /** Whether the progress bar is shown. */
    public boolean progress() {
        return progress;
    }

    /** Trains on features {@code x} and targets {@code y} (one row per example). */
    public History fit(Model net, INDArray x, INDArray y) {
        return fit(net, x, y, null, null);
    }

    public History fit(Model net, DataSet train) {
        return fit(net, train.getFeatures(), train.getLabels(), null, null);
    }

    /** Trains on {@code train} and evaluates on {@code val} (in evaluation mode) after every epoch. */
    public History fit(Model net, DataSet train, DataSet val) {
        return fit(net, train.getFeatures(), train.getLabels(), val.getFeatures(), val.getLabels());
    }

    public History fit(Model net, INDArray x, INDArray y, INDArray xVal, INDArray yVal) {
        long n = x.size(0);
        if (y.size(0) != n) {
            throw new IllegalArgumentException("x has " + n + " rows but y has " + y.size(0));
        }
        if (seed != null) {
            Seeds.set(seed);
        }
        NetAdapter adapter = NetAdapter.of(net);
        if (fastPath && xVal == null && schedule == null && augment == null && !trainAccuracy) {
            LinearFastPath fast = LinearFastPath.tryCreate(net, updater);
            if (fast != null) {
                adapter = fast;
            }
        }
        adapter.resetOptimizer(updater);
        Random rng = seed != null ? new Random(seed) : new Random();
        DataLoader batches = new DataLoader(x, y, (int) Math.min(batchSize, n), shuffle, rng);
        boolean classification = y.rank() == 2 && y.size(1) > 1;
        NetAdapter step = adapter;
        History h = run(batches, new Hooks() {
            @Override
            public double step(int epoch, int batch, int[] rows) {
                DataSet b = batches.batch(rows);
                INDArray xb = b.getFeatures();
                return step.fit(augment == null ? xb : augment.apply(xb), b.getLabels());
            }

            @Override
            public void setLearningRate(double lr) {
                step.setLearningRate(lr);
            }

            @Override
            public Epoch endEpoch(int epoch) {
                Double trainAcc = trainAccuracy && classification ? evaluate(step, x, y, true)[1] : null;
                if (xVal == null) {
                    return new Epoch(null, trainAcc, null, null, null);
                }
                double[] val = evaluate(step, xVal, yVal, classification);
                return new Epoch(null, trainAcc, val[0], classification ? val[1] : null, null);
            }
        });
        adapter.finish();
        return h;
    }

    /**
     * What a run does per batch and after every epoch; the loop around it (epochs, the step cap, the learning-rate
     * schedule, progress, printing, the {@link History}) is the {@link Trainer}'s. {@link #fit} plugs in DL4J's
     * {@code fit} or {@link LinearFastPath}; the ResNet lab a oneDNN {@link TrainStep}, the EdgeDetection homework
     * its plain-Java step, the GPUMemory experiments a step that also reads memory.
     */
    public interface Hooks {

        /**
         * One optimisation step on the examples {@code rows} of the loader's data (batch {@code batch}, 0-based, of
         * epoch {@code epoch}); returns the step's training loss, recorded in {@link History#loss()}.
         */
        double step(int epoch, int batch, int[] rows);

        /** Sets the optimizer's learning rate (keeping its state); called only when the trainer has a schedule. */
        default void setLearningRate(double lr) {
            throw new UnsupportedOperationException("this training step cannot change its learning rate");
        }

        /** After epoch {@code epoch} (0-based): what the run measured besides the step losses. */
        default Epoch endEpoch(int epoch) {
            return Epoch.NONE;
        }
    }

    /**
     * One epoch's numbers from {@link Hooks#endEpoch}; null for what was not measured (a series no epoch measured
     * stays out of the {@link History}).
     *
     * @param trainLoss     the training loss (null: the mean of the epoch's step losses)
     * @param trainAccuracy accuracy on training data, percent
     * @param valLoss       loss on the data evaluated after the epoch
     * @param valAccuracy   accuracy on it, percent
     * @param confusion     its confusion matrix {@code [true][predicted]}
     */
    public record Epoch(Double trainLoss, Double trainAccuracy, Double valLoss, Double valAccuracy, int[][] confusion) {

        /** Nothing measured: the training loss is the mean step loss. */
        public static final Epoch NONE = new Epoch(null, null, null, null, null);
    }

    /**
     * The training loop: {@code epochs} passes over {@code train}'s batches (its shuffle), stopping after
     * {@code maxSteps} steps when set; {@code hooks} does each step and each epoch's evaluation. Records every step's
     * loss and every epoch's numbers into one {@link History}. Seeding is the caller's (the loader's generator, the
     * network's); {@link #fit} seeds from the builder's seed.
     */
    public History run(DataLoader train, Hooks hooks) {
        int spe = train.size();
        int total = (int) Math.min((long) epochs * spe, maxSteps);
        int nEpochs = (total + spe - 1) / spe;
        double[] loss = new double[total];
        double[] stepLr = new double[stepSchedule != null ? total : 0];
        double[] lrs = new double[schedule != null || stepSchedule != null ? nEpochs : 0];
        Epoch[] measured = new Epoch[nEpochs];
        double[] meanStepLoss = new double[nEpochs];
        ProgressBar bar = progress ? ProgressBar.start(label, total) : null;
        long start = System.nanoTime();
        long lastDraw = System.currentTimeMillis();
        double rate = Double.NaN;
        int step = 0;
        for (int e = 0; e < nEpochs; e++) {
            Iterator<int[]> epoch = train.indexBatches(); // the epoch's order is drawn here
            if (schedule != null) {
                rate = schedule.lr(e);
                hooks.setLearningRate(rate);
            }
            double sum = 0;
            double running = 0;
            int b = 0;
            for (; b < spe && step < total; b++) {
                if (stepSchedule != null) {
                    double r = stepSchedule.applyAsDouble(step);
                    if (r != rate) {
                        hooks.setLearningRate(r);
                        rate = r;
                    }
                    stepLr[step] = r;
                }
                double l = hooks.step(e, b, epoch.next());
                loss[step++] = l;
                sum += l;
                running += l;
                if (printEvery > 0 && b % printEvery == printEvery - 1) {
                    System.out.println(
                            String.format(Locale.ROOT, "[%d, %5d] loss: %.3f", e + 1, b + 1, running / printEvery));
                    running = 0;
                }
                if (bar != null) {
                    long now = System.currentTimeMillis();
                    if (now - lastDraw >= 200) {
                        lastDraw = now;
                        bar.set(step, status(e, nEpochs, l, rate));
                    }
                }
            }
            if (lrs.length > 0) {
                lrs[e] = rate;
            }
            meanStepLoss[e] = sum / b;
            measured[e] = hooks.endEpoch(e);
            if (printEpochs) {
                Epoch m = measured[e];
                System.out.println(epochLine(
                        e,
                        nEpochs,
                        m.trainLoss() == null ? meanStepLoss[e] : m.trainLoss(),
                        orNaN(m.trainAccuracy()),
                        orNaN(m.valLoss()),
                        orNaN(m.valAccuracy())));
            }
        }
        if (bar != null) {
            bar.set(step, status(nEpochs - 1, nEpochs, step > 0 ? loss[step - 1] : Double.NaN, rate));
            bar.finish();
        }
        double[] trainLoss = new double[nEpochs];
        int[][] confusion = null;
        for (int e = 0; e < nEpochs; e++) {
            trainLoss[e] = measured[e].trainLoss() == null ? meanStepLoss[e] : measured[e].trainLoss();
            confusion = measured[e].confusion() != null ? measured[e].confusion() : confusion;
        }
        return new History(
                loss,
                trainLoss,
                series(measured, Epoch::valLoss),
                series(measured, Epoch::valAccuracy),
                (System.nanoTime() - start) / 1e9,
                series(measured, Epoch::trainAccuracy),
                lrs,
                stepLr,
                spe,
                confusion);
    }

    /** One number per epoch (NaN where an epoch did not measure it), or none when no epoch did. */
    private static double[] series(Epoch[] epochs, Function<Epoch, Double> value) {
        if (Arrays.stream(epochs).allMatch(e -> value.apply(e) == null)) {
            return new double[0];
        }
        return Arrays.stream(epochs).mapToDouble(e -> orNaN(value.apply(e))).toArray();
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static String status(int epoch, int epochs, double loss, double lr) {
        return String.format(Locale.ROOT, "epoch %d/%d loss %.4g", epoch + 1, epochs, loss)
                + (Double.isNaN(lr) ? "" : ", lr " + lr);
    }

    private static String epochLine(int e, int epochs, double train, double trainAcc, double val, double acc) {
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "Train Epoch: %d of %d Train Loss: %.3f", e + 1, epochs, train));
        if (!Double.isNaN(trainAcc)) {
            s.append(String.format(Locale.ROOT, ", Train Accuracy: %.2f%%", trainAcc));
        }
        if (!Double.isNaN(val)) {
            s.append(String.format(Locale.ROOT, ", Val Loss: %.4f", val));
        }
        if (!Double.isNaN(acc)) {
            s.append(String.format(Locale.ROOT, ", Val Accuracy: %.2f%%", acc));
        }
        return s.toString();
    }

    /** Mean loss and accuracy (percent) on {@code x, y} in evaluation mode, in batches of 500. */
    static double[] evaluate(NetAdapter net, INDArray x, INDArray y, boolean classification) {
        long n = x.size(0);
        double lossSum = 0;
        long correct = 0;
        for (DataSet batch : new DataLoader(x, y, 500, false, null)) {
            INDArray xb = batch.getFeatures();
            INDArray yb = batch.getLabels();
            lossSum += net.evalLoss(xb, yb) * xb.size(0);
            if (classification) {
                INDArray pred = net.output(xb).argMax(1);
                correct += pred.eq(yb.argMax(1))
                        .castTo(org.nd4j.linalg.api.buffer.DataType.INT32)
                        .sumNumber()
                        .longValue();
            }
        }
        return new double[] {lossSum / n, 100.0 * correct / n};
    }

    /** Settings of a training run; defaults: 1 epoch, batch 64, SGD, lr 1e-3, shuffled, progress bar shown. */
    public static final class Builder {
        private int epochs = 1;
        private int batchSize = 64;
        private double lr = 1e-3;
        private Optimizer optimizer = Optimizer.SGD;
        private IUpdater updater;
        private Long seed;
        private boolean shuffle = true;
        private boolean progress = true;
        private boolean printEpochs;
        private boolean fastPath = true;
        private String label = "training";
        private LrSchedule schedule;
        private UnaryOperator<INDArray> augment;
        private boolean trainAccuracy;
        private int printEvery;
        private int maxSteps = Integer.MAX_VALUE;
        private IntToDoubleFunction stepSchedule;

        private Builder() {}

        /** Stops after this many steps in all (the last epoch may be partial); default: no cap. */
        public Builder maxSteps(int maxSteps) {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /**
         * The learning rate of every step ({@code lr(step)}, step counted from 0 over the whole run), set on the
         * optimizer when it changes; recorded in {@link History#stepLr()} and, the last step's of each epoch, in
         * {@link History#learningRate()}. For schedules in iterations (the ResNet paper's drops); see
         * {@link #schedule} for one rate per epoch.
         */
        public Builder stepSchedule(IntToDoubleFunction lrOfStep) {
            this.stepSchedule = lrOfStep;
            return this;
        }

        /**
         * The learning rate of each epoch ({@code schedule.lr(epoch)}, epoch counted from 0), set on the optimizer
         * before the epoch starts; recorded in {@link History#learningRate()}. Overrides {@link #lr}.
         */
        public Builder schedule(LrSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Applied to the features of every training batch (not to validation data), e.g. an
         * {@code Augmentation}: a fresh random crop and flip each time an image is seen.
         */
        public Builder augment(UnaryOperator<INDArray> augment) {
            this.augment = augment;
            return this;
        }

        /**
         * Also measures the accuracy on the training data after every epoch, in evaluation mode and without
         * augmentation (one extra forward pass over the training data per epoch).
         */
        public Builder trainAccuracy(boolean trainAccuracy) {
            this.trainAccuracy = trainAccuracy;
            return this;
        }

        /**
         * Prints the running loss every {@code steps} batches, like the PyTorch tutorial:
         * {@code [1,   250] loss: 2.304} (the mean of those steps); 0 = never.
         */
        public Builder printEvery(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("printEvery must be >= 0, got " + steps);
            }
            this.printEvery = steps;
            return this;
        }

        /** Passes over the data; with {@code batchSize >= rows} one epoch is one step. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Full-batch training for {@code steps} steps (the homework's {@code itrs}): the same as epochs + no shuffle. */
        public Builder steps(int steps) {
            this.batchSize = Integer.MAX_VALUE;
            this.shuffle = false;
            return epochs(steps);
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Any DL4J updater (with its own learning rate), instead of {@link #optimizer} + {@link #lr}. */
        public Builder updater(IUpdater updater) {
            this.updater = updater;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /** Prints one line per epoch ({@code Train Epoch: 1 of 10 Train Loss: ..., Val Loss: ..., Val Accuracy: ...}). */
        public Builder printEpochs(boolean printEpochs) {
            this.printEpochs = printEpochs;
            return this;
        }

        /** Whether small linear models may skip DL4J's per-step overhead (on by default; see {@link LinearFastPath}). */
        public Builder fastPath(boolean fastPath) {
            this.fastPath = fastPath;
            return this;
        }

        /** The progress bar's label. */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
