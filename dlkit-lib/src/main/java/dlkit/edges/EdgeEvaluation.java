package dlkit.edges;

import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code evaluate(model, criterion, loader)} returns: the loss as the original computes it (sum of the
 * batch-mean losses divided by the number of images), the accuracy in percent, and the confusion matrix
 * ({@code confusion[true][predicted]}).
 */
public record EdgeEvaluation(double loss, double accuracy, int[][] confusion) {

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "loss %.4f, accuracy %.2f%%, confusion %s",
                loss,
                accuracy,
                Arrays.deepToString(confusion));
    }
}
