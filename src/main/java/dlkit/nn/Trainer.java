package dlkit.nn;

import dlkit.data.DataLoader;
import dlkit.display.ProgressBar;
import java.util.Iterator;
import java.util.Locale;
import java.util.Random;
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
    }

    public static Builder builder() {
        return new Builder();
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
        int bs = (int) Math.min(batchSize, n);
        int stepsPerEpoch = (int) ((n + bs - 1) / bs);
        double[] loss = new double[epochs * stepsPerEpoch];
        double[] trainLoss = new double[epochs];
        boolean hasVal = xVal != null;
        boolean classification = y.rank() == 2 && y.size(1) > 1;
        double[] valLoss = new double[hasVal ? epochs : 0];
        double[] valAcc = new double[hasVal && classification ? epochs : 0];
        double[] trainAcc = new double[trainAccuracy && classification ? epochs : 0];
        double[] lrs = new double[schedule != null ? epochs : 0];
        DataLoader batches = new DataLoader(x, y, bs, shuffle, rng);

        ProgressBar bar = progress ? ProgressBar.start(label, loss.length) : null;
        long start = System.nanoTime();
        long lastDraw = System.currentTimeMillis();
        int step = 0;
        for (int e = 0; e < epochs; e++) {
            Iterator<DataSet> epoch = batches.iterator();   // the epoch's order is drawn here
            if (schedule != null) {
                lrs[e] = schedule.lr(e);
                adapter.setLearningRate(lrs[e]);
            }
            double sum = 0;
            double running = 0;
            for (int b = 0; b < stepsPerEpoch; b++) {
                DataSet batch = epoch.next();
                INDArray xb = batch.getFeatures();
                double l = adapter.fit(augment == null ? xb : augment.apply(xb), batch.getLabels());
                loss[step++] = l;
                sum += l;
                running += l;
                if (printEvery > 0 && b % printEvery == printEvery - 1) {
                    System.out.println(String.format(Locale.ROOT, "[%d, %5d] loss: %.3f", e + 1, b + 1,
                            running / printEvery));
                    running = 0;
                }
                if (bar != null) {
                    long now = System.currentTimeMillis();
                    if (now - lastDraw >= 200) {
                        lastDraw = now;
                        bar.set(step, status(e, l));
                    }
                }
            }
            trainLoss[e] = sum / stepsPerEpoch;
            if (trainAcc.length > 0) {
                trainAcc[e] = evaluate(adapter, x, y, true)[1];
            }
            if (hasVal) {
                double[] lossAcc = evaluate(adapter, xVal, yVal, classification);
                valLoss[e] = lossAcc[0];
                if (classification) {
                    valAcc[e] = lossAcc[1];
                }
            }
            if (printEpochs) {
                System.out.println(epochLine(e, trainLoss[e], trainAcc.length > 0 ? trainAcc[e] : Double.NaN,
                        hasVal ? valLoss[e] : Double.NaN, valAcc.length > 0 ? valAcc[e] : Double.NaN));
            }
        }
        adapter.finish();
        if (bar != null) {
            bar.set(step, status(epochs - 1, step > 0 ? loss[step - 1] : Double.NaN));
            bar.finish();
        }
        return new History(loss, trainLoss, valLoss, valAcc, (System.nanoTime() - start) / 1e9, trainAcc, lrs);
    }

    private String status(int epoch, double loss) {
        return String.format(Locale.ROOT, "epoch %d/%d loss %.4g", epoch + 1, epochs, loss);
    }

    private String epochLine(int e, double train, double trainAcc, double val, double acc) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Train Epoch: %d of %d Train Loss: %.3f",
                e + 1, epochs, train));
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
                correct += pred.eq(yb.argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
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

        private Builder() {
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
