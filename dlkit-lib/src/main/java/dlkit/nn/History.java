package dlkit.nn;

import dlkit.plot.Figure;
import dlkit.plot.Plots;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What a training run recorded: the one history of the one loop ({@link Trainer#run}, which the ResNet lab's
 * {@code CifarResNetTrainer} and the EdgeDetection homework's {@code EdgeTraining} use too), in one vocabulary:
 * {@code train} for the training data, {@code val} for the data evaluated after every epoch (a validation split, or
 * the test set where a lab evaluates on it), per-step series for what changes at every step, per-epoch series for
 * the rest.
 *
 * @param loss            per step: the training loss of every step, in order (the loss of the batch before its
 *                        update, like PyTorch's {@code loss.item()}; with dropout it is the loss under dropout);
 *                        empty when the trainer records epochs only
 * @param trainLoss       per epoch: the trainer's training loss (the mean of that epoch's step losses unless the
 *                        step's hooks measure it: the loss on training images in evaluation mode after the epoch
 *                        for the ResNet lab; the homework's sum of batch means over the number of images for EdgeDetection)
 * @param valLoss         per epoch: the loss on the validation data in evaluation mode (empty without validation
 *                        data)
 * @param valAccuracy     per epoch: validation accuracy in percent (empty without validation data or for regression)
 * @param seconds         wall-clock time of the run
 * @param trainAccuracy   per epoch: accuracy in percent on the training data (empty unless the trainer records it)
 * @param learningRate    per epoch: the learning rate in use at the end of that epoch (empty unless the trainer
 *                        changes it)
 * @param stepLr          per step: the learning rate of every step (empty unless the trainer changes it within an
 *                        epoch)
 * @param stepsPerEpoch   training steps in one full epoch (the last epoch of a step-limited run may be shorter)
 * @param confusionMatrix the last epoch's validation confusion matrix, {@code [true][predicted]}; null unless
 *                        recorded
 */
public record History(
        double[] loss,
        double[] trainLoss,
        double[] valLoss,
        double[] valAccuracy,
        double seconds,
        double[] trainAccuracy,
        double[] learningRate,
        double[] stepLr,
        int stepsPerEpoch,
        int[][] confusionMatrix) {

    /** A history without training accuracy or learning rates. */
    public History(double[] loss, double[] trainLoss, double[] valLoss, double[] valAccuracy, double seconds) {
        this(loss, trainLoss, valLoss, valAccuracy, seconds, new double[0], new double[0]);
    }

    /** A history of equal epochs, without per-step learning rates or confusion matrix. */
    public History(
            double[] loss,
            double[] trainLoss,
            double[] valLoss,
            double[] valAccuracy,
            double seconds,
            double[] trainAccuracy,
            double[] learningRate) {
        this(
                loss,
                trainLoss,
                valLoss,
                valAccuracy,
                seconds,
                trainAccuracy,
                learningRate,
                new double[0],
                loss.length / Math.max(1, trainLoss.length),
                null);
    }

    /**
     * A history of whole epochs without per-step series, as the EdgeDetection homework records it: training and
     * validation loss and accuracy per epoch and the last confusion matrix (null without validation).
     */
    public static History ofEpochs(
            double[] trainLoss,
            double[] trainAccuracy,
            double[] valLoss,
            double[] valAccuracy,
            int[][] confusionMatrix,
            double seconds) {
        return new History(
                new double[0],
                trainLoss,
                valLoss,
                valAccuracy,
                seconds,
                trainAccuracy,
                new double[0],
                new double[0],
                0,
                confusionMatrix);
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

    /** The last epoch's validation accuracy, percent; NaN without validation accuracy. */
    public double finalValAccuracy() {
        return last(valAccuracy);
    }

    /** The last epoch's training accuracy, percent; NaN unless recorded. */
    public double finalTrainAccuracy() {
        return last(trainAccuracy);
    }

    private static double last(double[] perEpoch) {
        return perEpoch.length == 0 ? Double.NaN : perEpoch[perEpoch.length - 1];
    }

    /** Per epoch: the mean loss of that epoch's steps (a shorter last epoch counts its own steps). */
    public double[] epochMeanStepLoss() {
        double[] out = new double[epochs()];
        int per = Math.max(1, stepsPerEpoch);
        for (int e = 0; e < out.length; e++) {
            int from = Math.min(loss.length, e * per);
            int to = Math.min(loss.length, from + per);
            out[e] = Arrays.stream(loss, from, to).average().orElse(Double.NaN);
        }
        return out;
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
        int perEpoch = stepsPerEpoch;
        java.util.List<double[]> blocks = new java.util.ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            for (int i = 0; i < perEpoch && e * perEpoch + i < loss.length; i++) {
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
        Table t =
                Table.create("history", IntColumn.create("epoch", epoch), DoubleColumn.create("train_loss", trainLoss));
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

    /**
     * Loss and, when recorded, accuracy per epoch, train against val, side by side (the loss alone for a
     * regression run).
     */
    public Figure plot(String title) {
        double[] x = new double[epochs()];
        Arrays.setAll(x, i -> i + 1);
        XYChart lossChart = Plots.lines(title + ": loss", "epoch", "loss", x, series(trainLoss, valLoss));
        if (trainAccuracy.length == 0 && valAccuracy.length == 0) {
            return Figure.of(lossChart);
        }
        return Plots.row(
                lossChart,
                Plots.lines(title + ": accuracy", "epoch", "accuracy (%)", x, series(trainAccuracy, valAccuracy)));
    }

    /** {@link #plot(String)} titled "training". */
    public Figure plot() {
        return plot("training");
    }

    private static Map<String, double[]> series(double[] train, double[] val) {
        Map<String, double[]> m = new LinkedHashMap<>();
        if (train.length > 0) {
            m.put("train", train);
        }
        if (val.length > 0) {
            m.put("val", val);
        }
        return m;
    }

    /** The loss of every training step against the step (1-based). */
    public XYChart plotSteps(String title) {
        double[] x = new double[loss.length];
        Arrays.setAll(x, i -> i + 1);
        return Plots.line(title, "step", "training batch loss", x, loss);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(
                steps() == 0
                        ? String.format(Locale.ROOT, "History: %d epochs, %.1f s", epochs(), seconds)
                        : String.format(
                                Locale.ROOT,
                                "History: %d steps in %d epochs, %.1f s; final loss %.4g",
                                steps(),
                                epochs(),
                                seconds,
                                finalLoss()));
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
        return o instanceof History h
                && Arrays.equals(loss, h.loss)
                && Arrays.equals(trainLoss, h.trainLoss)
                && Arrays.equals(valLoss, h.valLoss)
                && Arrays.equals(valAccuracy, h.valAccuracy)
                && Arrays.equals(trainAccuracy, h.trainAccuracy)
                && Arrays.equals(learningRate, h.learningRate)
                && Arrays.equals(stepLr, h.stepLr)
                && stepsPerEpoch == h.stepsPerEpoch
                && Arrays.deepEquals(confusionMatrix, h.confusionMatrix);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(loss) * 31 + Arrays.hashCode(trainLoss);
    }
}
