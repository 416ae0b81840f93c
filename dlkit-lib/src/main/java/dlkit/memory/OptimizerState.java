package dlkit.memory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Optimizer state: how many extra values per trainable parameter an updater keeps.
 * <ul>
 *   <li>SGD: none (DL4J's {@code getStateViewArray()} is {@code null});</li>
 *   <li>SGD with momentum 0.9: one velocity buffer (1×). DL4J's momentum updater is {@link Nesterovs} (Nesterov's
 *       variant of PyTorch's {@code SGD(momentum=0.9)}: same memory, slightly different update);</li>
 *   <li>Adam: first and second moment estimates (2×), PyTorch's {@code exp_avg} and {@code exp_avg_sq}.</li>
 * </ul>
 */
public final class OptimizerState {

    private OptimizerState() {}

    /** The original's three optimizers ('SGD', 'SGD_WITH_MOMENTUM', 'ADAM') at its learning rate 0.001. */
    public static Map<String, IUpdater> originalOptimizers() {
        Map<String, IUpdater> m = new LinkedHashMap<>();
        m.put("SGD", new Sgd(1e-3));
        m.put("SGD_WITH_MOMENTUM", new Nesterovs(1e-3, 0.9));
        m.put("ADAM", new Adam(1e-3));
        return m;
    }

    /** The updater for one of the original's optimizer names ('SGD', 'SGD_WITH_MOMENTUM', 'ADAM'). */
    public static IUpdater forName(String name, double lr) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "SGD" -> new Sgd(lr);
            case "SGD_WITH_MOMENTUM", "MOMENTUM" -> new Nesterovs(lr, 0.9);
            case "ADAM" -> new Adam(lr);
            default ->
                throw new UnsupportedOperationException("unknown optimizer " + name
                        + " (the original's NotImplementedError): use SGD, SGD_WITH_MOMENTUM or ADAM");
        };
    }

    /** State entries the updater keeps for {@code trainable} parameters ({@code IUpdater.stateSize}). */
    public static long stateSize(IUpdater u, long trainable) {
        return u.stateSize(trainable);
    }

    /** State entries per parameter: 0 for Sgd, 1 for Nesterovs, 2 for Adam. */
    public static double multiplier(IUpdater u) {
        return u.stateSize(1_000_000L) / 1_000_000.0;
    }

    /**
     * The state a network's updater actually holds, in entries: the length of its state view array, 0 when that is
     * null (Sgd). Creates the updater if the network has none yet (as the first {@code fit} would).
     */
    public static long measured(ComputationGraph net) {
        INDArray state = net.getUpdater(true).getStateViewArray();
        return state == null ? 0 : state.length();
    }

    /** Bytes of the network's updater state (0 for Sgd). */
    public static long measuredBytes(ComputationGraph net) {
        INDArray state = net.getUpdater(true).getStateViewArray();
        return state == null ? 0 : state.length() * state.dataType().width();
    }

    /** Expected state per optimizer for {@code trainable} fp32 parameters (MB = 10^6 bytes). */
    public static Table table(long trainable, Map<String, IUpdater> optimizers) {
        Collection<IUpdater> updaters = optimizers.values();
        long[] state = updaters.stream().mapToLong(u -> stateSize(u, trainable)).toArray();
        return Table.create(
                "Optimizer state for " + String.format("%,d", trainable) + " trainable parameters",
                StringColumn.create("optimizer", optimizers.keySet()),
                StringColumn.create(
                        "DL4J updater", updaters.stream().map(u -> u.getClass().getSimpleName())),
                DoubleColumn.create("state × params", updaters.stream().mapToDouble(OptimizerState::multiplier)),
                LongColumn.create("state entries", state),
                DoubleColumn.create(
                        "state MB (fp32)", LongStream.of(state).mapToDouble(s -> MemoryLog.round(s * 4 / 1e6))),
                DoubleColumn.create(
                        "params + grads + state MB",
                        LongStream.of(state).mapToDouble(s -> MemoryLog.round((2 * trainable + s) * 4 / 1e6))));
    }
}
