package dlkit.nn;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Gives a network a fresh optimizer, like creating a new {@code torch.optim} optimizer over
 * {@code net.parameters()}: every trainable layer gets a copy of {@code updater}, its state (e.g. momentum) starts
 * at zero. For hand-written training loops ({@code net.fit(batch)}); the {@link Trainer} does this itself.
 * <pre>{@code
 * MultiLayerNetwork net = LeNet.create(3, 7);
 * Updaters.set(net, new SgdMomentum(0.001, 0.9));    // optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
 * for (DataSet batch : trainLoader) { net.fit(batch); }
 * }</pre>
 */
public final class Updaters {

    private Updaters() {}

    /** Replaces the optimizer of every trainable layer of {@code net} (a MultiLayerNetwork or ComputationGraph). */
    public static <M extends Model> M set(M net, IUpdater updater) {
        NetAdapter.of(net).resetOptimizer(java.util.Objects.requireNonNull(updater, "updater"));
        return net;
    }
}
