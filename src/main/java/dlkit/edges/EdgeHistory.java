package dlkit.edges;

import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code train_model(...)} returns: per-epoch training and validation loss and accuracy (percent), the
 * validation confusion matrix of the last epoch ({@code confusion[true][predicted]}) and the wall time. Without a
 * validation loader the validation arrays are empty and the confusion matrix is null.
 */
public record EdgeHistory(double[] trainLoss, double[] trainAccuracy, double[] validLoss, double[] validAccuracy,
        int[][] confusionMatrix, double seconds) {

    public int epochs() {
        return trainLoss.length;
    }

    /** The last epoch's validation accuracy ({@code final_valid_acc}), NaN without validation. */
    public double finalValidAccuracy() {
        return validAccuracy.length == 0 ? Double.NaN : validAccuracy[validAccuracy.length - 1];
    }

    public double finalTrainAccuracy() {
        return trainAccuracy.length == 0 ? Double.NaN : trainAccuracy[trainAccuracy.length - 1];
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "EdgeHistory(%d epochs, %.1f s, final train loss %.4f, train acc %.2f%%", epochs(), seconds,
                trainLoss.length == 0 ? Double.NaN : trainLoss[trainLoss.length - 1], finalTrainAccuracy()));
        if (validAccuracy.length > 0) {
            s.append(String.format(Locale.ROOT, ", valid loss %.4f, valid acc %.2f%%, confusion %s",
                    validLoss[validLoss.length - 1], finalValidAccuracy(), Arrays.deepToString(confusionMatrix)));
        }
        return s.append(')').toString();
    }
}
