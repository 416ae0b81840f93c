package dlkit.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One compiled training step of a network: what a training loop calls once per batch. DL4J's {@code fit} is the
 * step every network has ({@link #dl4j}, and the {@link Trainer}'s own); a faster one does the same training where
 * it can run the network, and is proven against {@code fit} in its tests: plain Java for the small homework networks
 * ({@code LinearFastPath}, which the {@link Trainer} picks itself; {@code dlkit.edges.EdgeFastPath} for the
 * EdgeDetection homework's CNNs and MLP), oneDNN primitives for the ResNets on the CPU
 * ({@code dlkit.nn.onednn.OneDnnTrainer}, chosen by {@code OneDnnTrainer.stepFor}).
 *
 * <pre>{@code
 * try (TrainStep step = OneDnnTrainer.stepFor(net, 3, 32, 32)) {   // oneDNN, or DL4J's fit
 *     double loss = step.fit(x, y);
 * }
 * }</pre>
 */
public interface TrainStep extends AutoCloseable {

    /** One optimisation step on a batch; returns the network's score afterwards, as DL4J's {@code score()}. */
    double fit(INDArray features, INDArray labels);

    /** Bytes of native buffers this step holds besides the network's own arrays. */
    default long bufferBytes() {
        return 0;
    }

    /** Frees what the step holds; the network stays usable. */
    @Override
    default void close() {}

    /** DL4J's own {@code fit} on a single-input, single-output graph. */
    static TrainStep dl4j(ComputationGraph net) {
        return (x, y) -> {
            net.fit(new INDArray[] {x}, new INDArray[] {y});
            return net.score();
        };
    }
}
