package dlkit.nn;

import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What a {@link Trainer} run recorded.
 *
 * @param loss          the training loss of every step, in order (the loss of the batch before its update, like
 *                      PyTorch's {@code loss.item()}; with dropout it is the loss under dropout)
 * @param trainLoss     per epoch: the mean of that epoch's step losses
 * @param valLoss       per epoch: the loss on the validation data in evaluation mode (empty without validation data)
 * @param valAccuracy   per epoch: validation accuracy in percent (empty without validation data or for regression)
 * @param seconds       wall-clock time of the run
 * @param trainAccuracy per epoch: accuracy in percent on the training data in evaluation mode, measured after the
 *                      epoch (empty unless the trainer was asked for it)
 * @param learningRate  per epoch: the learning rate used in that epoch (empty unless the trainer had a
 *                      {@link LrSchedule})
 */
public record History(double[] loss, double[] trainLoss, double[] valLoss, double[] valAccuracy, double seconds,
        double[] trainAccuracy, double[] learningRate) {

    /** A history without training accuracy or learning rates. */
    public History(double[] loss, double[] trainLoss, double[] valLoss, double[] valAccuracy, double seconds) {
        this(loss, trainLoss, valLoss, valAccuracy, seconds, new double[0], new double[0]);
    }

    public int steps() {
        return loss.length;
    }

    public int epochs() {
        return trainLoss.length;
    }

    /** The loss of the last step. */
    public double finalLoss() {
        return loss.length == 0 ? Double.NaN : loss[loss.length - 1];
    }

    /** The mean loss of the last {@code n} steps (all steps if there are fewer). */
    public double meanLoss(int n) {
        int from = Math.max(0, loss.length - n);
        return Arrays.stream(loss, from, loss.length).average().orElse(Double.NaN);
    }

    /** The first {@code n} step losses. */
    public double[] loss(int n) {
        return Arrays.copyOf(loss, Math.min(n, loss.length));
    }

    public boolean hasValidation() {
        return valLoss.length > 0;
    }

    /** The highest validation accuracy of any epoch (the lab's "best validation accuracy"); NaN without one. */
    public double bestValAccuracy() {
        return Arrays.stream(valAccuracy).max().orElse(Double.NaN);
    }

    /** The epoch (1-based) with the highest validation accuracy; 0 without validation accuracy. */
    public int bestEpoch() {
        int best = 0;
        for (int e = 0; e < valAccuracy.length; e++) {
            if (valAccuracy[e] > valAccuracy[best]) {
                best = e;
            }
        }
        return valAccuracy.length == 0 ? 0 : best + 1;
    }

    /**
     * The PyTorch tutorial's running loss: within each epoch, the mean loss of every block of {@code every}
     * consecutive steps ({@code if i % every == every - 1: print(running_loss / every)}); a last, incomplete
     * block of an epoch is dropped, as there. The matching step numbers are {@link #runningLossSteps}.
     */
    public double[] runningLoss(int every) {
        return running(every)[1];
    }

    /** The global step (1-based, counted over all epochs) at which each {@link #runningLoss} value ends. */
    public double[] runningLossSteps(int every) {
        return running(every)[0];
    }

    private double[][] running(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("the running loss needs a block of at least 1 step, got " + every);
        }
        int epochs = Math.max(1, epochs());
        int perEpoch = loss.length / epochs;
        java.util.List<double[]> blocks = new java.util.ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            for (int i = 0; i < perEpoch; i++) {
                sum += loss[e * perEpoch + i];
                if (i % every == every - 1) {
                    blocks.add(new double[] {e * perEpoch + i + 1, sum / every});
                    sum = 0;
                }
            }
        }
        double[][] out = new double[2][blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            out[0][b] = blocks.get(b)[0];
            out[1][b] = blocks.get(b)[1];
        }
        return out;
    }

    /**
     * One row per epoch: {@code epoch, train_loss} and, when recorded, {@code train_accuracy, val_loss,
     * val_accuracy, lr}.
     */
    public Table toTable() {
        int[] epoch = new int[trainLoss.length];
        Arrays.setAll(epoch, i -> i + 1);
        Table t = Table.create("history", IntColumn.create("epoch", epoch), DoubleColumn.create("train_loss", trainLoss));
        if (trainAccuracy.length > 0) {
            t.addColumns(DoubleColumn.create("train_accuracy", trainAccuracy));
        }
        if (valLoss.length > 0) {
            t.addColumns(DoubleColumn.create("val_loss", valLoss));
        }
        if (valAccuracy.length > 0) {
            t.addColumns(DoubleColumn.create("val_accuracy", valAccuracy));
        }
        if (learningRate.length > 0) {
            t.addColumns(DoubleColumn.create("lr", learningRate));
        }
        return t;
    }

    /** One row per step: {@code step, loss}. */
    public Table stepTable() {
        int[] step = new int[loss.length];
        Arrays.setAll(step, i -> i);
        return Table.create("steps", IntColumn.create("step", step), DoubleColumn.create("loss", loss));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "History: %d steps in %d epochs, %.1f s; final loss %.4g", steps(), epochs(), seconds, finalLoss()));
        if (valAccuracy.length > 0) {
            s.append(String.format(Locale.ROOT, ", final val accuracy %.2f%%", valAccuracy[valAccuracy.length - 1]));
        }
        if (epochs() > 1 && (steps() > epochs() || hasValidation())) {
            s.append('\n');
            int n = epochs();
            for (int e = 0; e < n; e++) {
                if (n > 10 && e == 5) {
                    s.append("  ...\n");
                    e = n - 5;
                }
                s.append(String.format(Locale.ROOT, "  epoch %3d  train_loss %.4f", e + 1, trainLoss[e]));
                if (trainAccuracy.length > 0) {
                    s.append(String.format(Locale.ROOT, "  train_accuracy %.2f", trainAccuracy[e]));
                }
                if (valLoss.length > 0) {
                    s.append(String.format(Locale.ROOT, "  val_loss %.4f", valLoss[e]));
                }
                if (valAccuracy.length > 0) {
                    s.append(String.format(Locale.ROOT, "  val_accuracy %.2f", valAccuracy[e]));
                }
                s.append('\n');
            }
            s.setLength(s.length() - 1);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History h && Arrays.equals(loss, h.loss) && Arrays.equals(trainLoss, h.trainLoss)
                && Arrays.equals(valLoss, h.valLoss) && Arrays.equals(valAccuracy, h.valAccuracy)
                && Arrays.equals(trainAccuracy, h.trainAccuracy) && Arrays.equals(learningRate, h.learningRate);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(loss) * 31 + Arrays.hashCode(trainLoss);
    }
}
