package dlkit.nn;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Small fully connected networks written like PyTorch's {@code nn.Sequential} and built as a DL4J
 * {@link MultiLayerNetwork} (initialised, seeded, float32 like PyTorch).
 * <pre>{@code
 * MultiLayerNetwork net = Sequential.of(Linear.noBias(2, 1).zeroInit()).mse();
 * MultiLayerNetwork net = Sequential.of(InputDropout.of(0.5), Linear.noBias(2, 1).zeroInit()).mse();
 * }</pre>
 * An {@link InputDropout} applies to the inputs of the {@link Linear} after it (DL4J puts dropout on a layer's
 * input). The last {@link Linear} becomes the output layer: identity + mean squared error for {@link #mse()},
 * softmax + cross-entropy for {@link #crossEntropy()}. The optimizer is chosen later by the {@link Trainer}.
 */
public final class Sequential {

    private final List<Linear> layers = new ArrayList<>();
    private long seed = 0;

    private Sequential(Object... modules) {
        InputDropout pending = null;
        for (Object m : modules) {
            if (m instanceof InputDropout d) {
                if (pending != null) {
                    throw new IllegalArgumentException("two dropouts in a row; combine them into one");
                }
                pending = d;
            } else if (m instanceof Linear l) {
                if (!layers.isEmpty() && layers.get(layers.size() - 1).out() != l.in()) {
                    throw new IllegalArgumentException(
                            layers.get(layers.size() - 1) + " is followed by " + l + ": the sizes do not match");
                }
                if (pending != null) {
                    l.inputDropout(pending);
                    pending = null;
                }
                layers.add(l);
            } else {
                throw new IllegalArgumentException("Sequential takes Linear and InputDropout modules, not " + m);
            }
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one Linear layer");
        }
        if (pending != null) {
            throw new IllegalArgumentException("a dropout at the end has no layer to feed; put it before a Linear");
        }
    }

    public static Sequential of(Object... modules) {
        return new Sequential(modules);
    }

    /** Seed for DL4J's weight initialisation (and ND4J's random generator at {@code init()}). */
    public Sequential seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Regression: the last layer's output as is, loss = mean squared error (PyTorch {@code nn.MSELoss()}). */
    public MultiLayerNetwork mse() {
        return build(LossFunction.MSE, Activation.IDENTITY);
    }

    /** Classification: softmax over the last layer's output, loss = cross-entropy. */
    public MultiLayerNetwork crossEntropy() {
        return build(LossFunction.MCXENT, Activation.SOFTMAX);
    }

    private MultiLayerNetwork build(LossFunction loss, Activation outputActivation) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(Seeds.forConfig(seed))
                .dataType(DataType.FLOAT)
                .updater(new Sgd(1e-3))
                .list();
        for (int i = 0; i < layers.size(); i++) {
            Linear l = layers.get(i);
            Layer layer = i == layers.size() - 1 ? l.output(loss, outputActivation) : l.dense();
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        Seeds.set(seed);
        net.init();
        return net;
    }
}
