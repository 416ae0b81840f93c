package dlkit.nn;

import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Classification accuracy of a network in evaluation mode (no dropout): predicted class = arg max of the output,
 * true class = arg max of the one-hot label. Prints like the homework: {@code 812/1000 (81%)}.
 *
 * @param correct how many examples were classified right
 * @param total   how many there were
 */
public record Accuracy(long correct, long total) {

    /** Evaluates {@code net} on {@code data} in batches of 500. */
    public static Accuracy of(Model net, DataSet data) {
        return of(net, data.getFeatures(), data.getLabels());
    }

    public static Accuracy of(Model net, INDArray x, INDArray oneHot) {
        double[] lossAcc = Trainer.evaluate(NetAdapter.of(net), x, oneHot, true);
        long total = x.size(0);
        return new Accuracy(Math.round(lossAcc[1] * total / 100.0), total);
    }

    /** Accuracy in percent. */
    public double percent() {
        return total == 0 ? Double.NaN : 100.0 * correct / total;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d/%d (%.0f%%)", correct, total, percent());
    }
}
