package dlkit.nn;

import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of a network's last fully connected layer the way PyTorch shows them ({@code [out, in]}, DL4J stores
 * {@code [in, out]}): what {@code print(net.state_dict())} prints in the homework.
 * <pre>{@code
 * Weights.of(net)          // [[1.0891, 0.1089]]
 * Weights.vector(net)      // {1.0891, 0.1089}: w1, w2 of a one-output layer
 * }</pre>
 */
public final class Weights {

    private Weights() {}

    /** The last layer with a weight matrix, transposed to PyTorch's {@code [out, in]} layout (a copy, float64). */
    public static INDArray of(Model net) {
        Layer[] layers = NetAdapter.layers(net);
        for (int i = layers.length - 1; i >= 0; i--) {
            INDArray w = layers[i].paramTable().get("W");
            if (w != null && w.rank() == 2) {
                return w.transpose().castTo(DataType.DOUBLE).dup('c');
            }
        }
        throw new IllegalArgumentException("the network has no fully connected layer (no 2-D \"W\" parameter)");
    }

    /** All weights of the last fully connected layer, row by row ({@code w1, w2} for {@code Linear(2, 1)}). */
    public static double[] vector(Model net) {
        return of(net).reshape(-1).toDoubleVector();
    }

    /** {@code Weights: [[1.0891, 0.1089]]}, four decimals like PyTorch. */
    public static String describe(Model net) {
        double[][] w = of(net).toDoubleMatrix();
        StringBuilder s = new StringBuilder("Weights: [");
        for (int r = 0; r < w.length; r++) {
            s.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < w[r].length; c++) {
                s.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", w[r][c]));
            }
            s.append(']');
        }
        return s.append(']').toString();
    }
}
