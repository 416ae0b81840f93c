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
 */
public record History(double[] loss, double[] trainLoss, double[] valLoss, double[] valAccuracy, double seconds) {

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

    /** One row per epoch: {@code epoch, train_loss} and, when recorded, {@code val_loss, val_accuracy}. */
    public Table toTable() {
        int[] epoch = new int[trainLoss.length];
        Arrays.setAll(epoch, i -> i + 1);
        Table t = Table.create("history", IntColumn.create("epoch", epoch), DoubleColumn.create("train_loss", trainLoss));
        if (valLoss.length > 0) {
            t.addColumns(DoubleColumn.create("val_loss", valLoss));
        }
        if (valAccuracy.length > 0) {
            t.addColumns(DoubleColumn.create("val_accuracy", valAccuracy));
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
                && Arrays.equals(valLoss, h.valLoss) && Arrays.equals(valAccuracy, h.valAccuracy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(loss) * 31 + Arrays.hashCode(trainLoss);
    }
}
