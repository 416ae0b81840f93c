package dlkit.memory;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The bytes a DL4J network's own arrays hold, read from the arrays themselves: the analogue of
 * {@code torch.cuda.memory_allocated} (the tensors), as opposed to the process or device figure (which adds the
 * runtime, caches, and on CUDA the context).
 *
 * @param parameters   the flat parameter vector (BN running statistics included)
 * @param gradients    the flat gradient view (allocated at init for training)
 * @param updaterState the optimizer state view (0 for Sgd)
 * @param workspaces   this thread's ND4J workspaces (activations and scratch of the last fit)
 */
public record NetMemory(long parameters, long gradients, long updaterState, long workspaces) {

    /** Reads a network's arrays (creates its updater if it has none yet). */
    public static NetMemory of(ComputationGraph net) {
        INDArray p = net.params();
        INDArray g = net.getGradientsViewArray();
        long ws = MemoryProbe.workspaceBytes();
        return new NetMemory(bytes(p), bytes(g), OptimizerState.measuredBytes(net), Math.max(ws, 0));
    }

    private static long bytes(INDArray a) {
        return a == null ? 0 : a.length() * a.dataType().width();
    }

    /** Parameters + gradients + updater state + workspaces. */
    public long total() {
        return parameters + gradients + updaterState + workspaces;
    }

    /** As a map (name → bytes) for tables. */
    public Map<String, Long> asMap() {
        return Map.of(
                "parameters",
                parameters,
                "gradients",
                gradients,
                "updater state",
                updaterState,
                "workspaces",
                workspaces);
    }
}
