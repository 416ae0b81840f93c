package dlkit.nn;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A fully connected layer described the PyTorch way, {@code nn.Linear(in, out, bias=...)}, turned into a DL4J
 * layer by {@link Sequential} (or by {@link #dense()} / {@link #output(LossFunction, Activation)} directly).
 * <pre>{@code
 * Linear.noBias(2, 1).zeroInit()      // nn.Linear(2, 1, bias=False) with every weight set to 0
 * Linear.of(2048, 10).relu()          // nn.Linear followed by ReLU
 * }</pre>
 */
public final class Linear {

    private final int in;
    private final int out;
    private final boolean bias;
    private WeightInit init = WeightInit.XAVIER;
    private Activation activation = Activation.IDENTITY;
    private InputDropout dropout;

    private Linear(int in, int out, boolean bias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("a Linear layer needs in, out >= 1, got " + in + ", " + out);
        }
        this.in = in;
        this.out = out;
        this.bias = bias;
    }

    /** {@code nn.Linear(in, out)}: weights and a bias. */
    public static Linear of(int in, int out) {
        return new Linear(in, out, true);
    }

    /** {@code nn.Linear(in, out, bias=False)}: weights only. */
    public static Linear noBias(int in, int out) {
        return new Linear(in, out, false);
    }

    /** Every parameter starts at exactly 0 (the homework's {@code load_state_dict({k: v * 0})}). */
    public Linear zeroInit() {
        return init(WeightInit.ZERO);
    }

    public Linear init(WeightInit init) {
        this.init = init;
        return this;
    }

    public Linear relu() {
        return activation(Activation.RELU);
    }

    public Linear activation(Activation activation) {
        this.activation = activation;
        return this;
    }

    /** Drops this layer's inputs with probability {@code p} in training (PyTorch convention; see {@link InputDropout}). */
    public Linear inputDropout(double p) {
        this.dropout = InputDropout.of(p);
        return this;
    }

    Linear inputDropout(InputDropout dropout) {
        this.dropout = dropout;
        return this;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public boolean hasBias() {
        return bias;
    }

    /** A hidden DL4J {@link DenseLayer}. */
    public DenseLayer dense() {
        DenseLayer.Builder b = new DenseLayer.Builder()
                .nIn(in)
                .nOut(out)
                .hasBias(bias)
                .weightInit(init)
                .activation(activation);
        if (dropout != null) {
            b.dropOut(dropout.toDl4j());
        }
        return b.build();
    }

    /** A DL4J {@link OutputLayer} with this loss and output activation (overriding {@link #activation}). */
    public OutputLayer output(LossFunction loss, Activation outputActivation) {
        OutputLayer.Builder b = new OutputLayer.Builder(loss)
                .nIn(in)
                .nOut(out)
                .hasBias(bias)
                .weightInit(init)
                .activation(outputActivation);
        if (dropout != null) {
            b.dropOut(dropout.toDl4j());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "Linear(in=" + in + ", out=" + out + ", bias=" + bias + ")";
    }
}
