package dlkit.nn.resnet;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dlkit.plot.Figure;
import dlkit.plot.Plots;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What a {@link CifarResNetTrainer} run recorded.
 *
 * @param stepLoss      cross-entropy of every training batch (augmented, training mode), before its update
 * @param stepLr        the learning rate of every step
 * @param trainLoss     per epoch: cross-entropy on the training images evaluated after the epoch (evaluation mode,
 *                      no augmentation; the first {@code trainEvalSize} images)
 * @param trainAccuracy per epoch: accuracy in percent on those images
 * @param testLoss      per epoch: cross-entropy on the test images (evaluation mode)
 * @param testAccuracy  per epoch: test accuracy in percent
 * @param stepsPerEpoch training steps in one epoch
 * @param seconds       wall-clock time of the run (training and evaluation)
 */
public record CifarResNetHistory(double[] stepLoss, double[] stepLr, double[] trainLoss, double[] trainAccuracy,
        double[] testLoss, double[] testAccuracy, int stepsPerEpoch, double seconds) {

    public int epochs() {
        return testAccuracy.length;
    }

    public int steps() {
        return stepLoss.length;
    }

    /** The last epoch's test accuracy, percent. */
    public double finalTestAccuracy() {
        return testAccuracy.length == 0 ? Double.NaN : testAccuracy[testAccuracy.length - 1];
    }

    /** The best epoch's test accuracy, percent (what the lab reports). */
    public double bestTestAccuracy() {
        return Arrays.stream(testAccuracy).max().orElse(Double.NaN);
    }

    /** The last epoch's training accuracy, percent. */
    public double finalTrainAccuracy() {
        return trainAccuracy.length == 0 ? Double.NaN : trainAccuracy[trainAccuracy.length - 1];
    }

    /** Mean training-batch loss of each epoch (augmented batches, training mode). */
    public double[] epochMeanStepLoss() {
        double[] out = new double[epochs()];
        for (int e = 0; e < out.length; e++) {
            int from = e * stepsPerEpoch;
            int to = Math.min(stepLoss.length, from + stepsPerEpoch);
            out[e] = Arrays.stream(stepLoss, from, to).average().orElse(Double.NaN);
        }
        return out;
    }

    /** One row per epoch: epoch, lr at its end, train/test loss and accuracy. */
    public Table toTable() {
        int n = epochs();
        int[] epoch = new int[n];
        double[] lr = new double[n];
        for (int e = 0; e < n; e++) {
            epoch[e] = e + 1;
            lr[e] = stepLr[Math.min(stepLr.length - 1, (e + 1) * stepsPerEpoch - 1)];
        }
        return Table.create("training history", IntColumn.create("epoch", epoch), DoubleColumn.create("lr", lr),
                DoubleColumn.create("train loss", trainLoss), DoubleColumn.create("train acc %", trainAccuracy),
                DoubleColumn.create("test loss", testLoss), DoubleColumn.create("test acc %", testAccuracy));
    }

    /** Loss and accuracy per epoch, train vs test, side by side. */
    public Figure curves(String title) {
        double[] x = epochAxis();
        Map<String, double[]> loss = new LinkedHashMap<>();
        loss.put("train", trainLoss);
        loss.put("test", testLoss);
        Map<String, double[]> acc = new LinkedHashMap<>();
        acc.put("train", trainAccuracy);
        acc.put("test", testAccuracy);
        return Plots.row(Plots.lines(title + ": loss", "epoch", "cross-entropy", x, loss),
                Plots.lines(title + ": accuracy", "epoch", "accuracy (%)", x, acc));
    }

    /** The loss of every training step against the iteration (1-based). */
    public XYChart stepLossChart(String title) {
        double[] x = new double[stepLoss.length];
        Arrays.setAll(x, i -> i + 1);
        return Plots.line(title, "iteration", "training batch loss", x, stepLoss);
    }

    private double[] epochAxis() {
        double[] x = new double[epochs()];
        Arrays.setAll(x, i -> i + 1);
        return x;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%d epochs (%d steps) in %.1f s; final train accuracy %.2f%%, test accuracy %.2f%% (best %.2f%%)",
                epochs(), steps(), seconds, finalTrainAccuracy(), finalTestAccuracy(), bestTestAccuracy());
    }
}
