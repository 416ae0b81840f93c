package dlkit.nn;

/**
 * DL4J's softmax output with multi-class cross-entropy ({@code OutputLayer} + {@code LossMCXENT}) on plain float
 * logits, for the compiled steps that run their own head (the EdgeDetection networks' {@code EdgeFastPath}, the
 * oneDNN trainer's {@code SoftmaxHead}), so the rule is written once. Probabilities are computed in double; the
 * score clips them to {@code [1e-10, 1 − 1e-10]} as {@code LossMCXENT} does; the gradient is DL4J's {@code p − t}.
 *
 * <pre>{@code
 * float[] grad = new float[n * classes];
 * int[] predicted = new int[n];
 * double meanLoss = SoftmaxCrossEntropy.lossAndGradient(logits, labels, n, classes, grad, predicted);
 * double[] p = SoftmaxCrossEntropy.softmax(logits, row, classes);
 * }</pre>
 */
public final class SoftmaxCrossEntropy {

    /** {@code LossMCXENT}'s clipping of probabilities for the score. */
    private static final double CLIP = 1e-10;

    private SoftmaxCrossEntropy() {}

    /** Softmax of row {@code row} of {@code logits} (rows of {@code classes}), in double. */
    public static double[] softmax(float[] logits, int row, int classes) {
        double[] p = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[row * classes + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(logits[row * classes + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** The first index of the largest value. */
    public static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    /**
     * {@link #lossAndGradient(float[], float[], int, int, double, float[], int[])} with class labels (one-hot
     * targets) and the gradient averaged over the batch, as {@code fit} on a minibatch.
     */
    public static double lossAndGradient(
            float[] logits, int[] labels, int n, int classes, float[] grad, int[] predicted) {
        float[] targets = new float[n * classes];
        for (int r = 0; r < n; r++) {
            targets[r * classes + labels[r]] = 1f;
        }
        return lossAndGradient(logits, targets, n, classes, n, grad, predicted);
    }

    /**
     * For {@code n} rows of logits and targets (one-hot or soft, rows of {@code classes}): returns the mean
     * cross-entropy (DL4J's score), writes {@code (p − t) / divisor} into {@code grad} and, unless null, each row's
     * predicted class into {@code predicted}.
     */
    public static double lossAndGradient(
            float[] logits, float[] targets, int n, int classes, double divisor, float[] grad, int[] predicted) {
        double loss = 0;
        for (int r = 0; r < n; r++) {
            double[] p = softmax(logits, r, classes);
            if (predicted != null) {
                predicted[r] = argMax(p);
            }
            for (int c = 0; c < classes; c++) {
                float t = targets[r * classes + c];
                if (t != 0) {
                    loss -= t * Math.log(Math.min(Math.max(p[c], CLIP), 1 - CLIP));
                }
                grad[r * classes + c] = (float) ((p[c] - t) / divisor);
            }
        }
        return loss / n;
    }
}
