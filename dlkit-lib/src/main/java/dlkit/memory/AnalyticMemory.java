package dlkit.memory;

import dlkit.display.Renderable;
import dlkit.nn.resnet.ResNet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.MemoryType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.conf.memory.NetworkMemoryReport;
import org.nd4j.linalg.api.buffer.DataType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * DL4J's analytic memory estimate for training one minibatch
 * ({@link ComputationGraphConfiguration#getMemoryReport(InputType...)}), by category. It is computed from the
 * configuration alone, so it is the same on every backend and needs no memory. Categories:
 * <ul>
 *   <li>parameters: every entry of the flat parameter vector (BN running mean/var included);</li>
 *   <li>gradients: one per parameter;</li>
 *   <li>updater state: optimizer state (Sgd 0, momentum 1×, Adam 2× the trainable parameters);</li>
 *   <li>activations and activation gradients: proportional to the minibatch;</li>
 *   <li>working memory: scratch space (im2col buffers etc.), fixed + per-example;</li>
 *   <li>cached memory: cuDNN/cache-mode buffers (0 without a cache mode).</li>
 * </ul>
 *
 * @param minibatch               the minibatch size
 * @param parameters              bytes
 * @param gradients               bytes
 * @param updaterState            bytes
 * @param activations             bytes
 * @param activationGradients     bytes
 * @param workingMemory           bytes
 * @param cachedMemory            bytes
 * @param total                   DL4J's total for training (its own sum, which takes the maximum working memory
 *                                over layers rather than the sum)
 */
public record AnalyticMemory(
        int minibatch,
        long parameters,
        long gradients,
        long updaterState,
        long activations,
        long activationGradients,
        long workingMemory,
        long cachedMemory,
        long total)
        implements Renderable {

    /** The estimate for training a ResNet spec (its configuration and input size) with minibatches of {@code minibatch}, fp32. */
    public static AnalyticMemory of(ResNet spec, int minibatch) {
        return of(spec.conf(), spec.inputType(), minibatch, DataType.FLOAT);
    }

    /** The estimate for training {@code conf} on inputs of type {@code input} with minibatches of {@code minibatch}, fp32. */
    public static AnalyticMemory of(ComputationGraphConfiguration conf, InputType input, int minibatch) {
        return of(conf, input, minibatch, DataType.FLOAT);
    }

    /** As {@link #of(ComputationGraphConfiguration, InputType, int)} with another data type. */
    public static AnalyticMemory of(ComputationGraphConfiguration conf, InputType input, int minibatch, DataType dt) {
        NetworkMemoryReport r = conf.getMemoryReport(input);
        MemoryUseMode mode = MemoryUseMode.TRAINING;
        CacheMode cm = CacheMode.NONE;
        return new AnalyticMemory(
                minibatch,
                r.getMemoryBytes(MemoryType.PARAMETERS, minibatch, mode, cm, dt),
                r.getMemoryBytes(MemoryType.PARAMATER_GRADIENTS, minibatch, mode, cm, dt),
                r.getMemoryBytes(MemoryType.UPDATER_STATE, minibatch, mode, cm, dt),
                r.getMemoryBytes(MemoryType.ACTIVATIONS, minibatch, mode, cm, dt),
                r.getMemoryBytes(MemoryType.ACTIVATION_GRADIENTS, minibatch, mode, cm, dt),
                r.getMemoryBytes(MemoryType.WORKING_MEMORY_FIXED, minibatch, mode, cm, dt)
                        + r.getMemoryBytes(MemoryType.WORKING_MEMORY_VARIABLE, minibatch, mode, cm, dt),
                r.getMemoryBytes(MemoryType.CACHED_MEMORY_FIXED, minibatch, mode, cm, dt)
                        + r.getMemoryBytes(MemoryType.CACHED_MEMORY_VARIABLE, minibatch, mode, cm, dt),
                r.getTotalMemoryBytes(minibatch, mode, cm, dt));
    }

    /** Parameters + gradients + updater state: what does not depend on the minibatch. */
    public long fixedBytes() {
        return parameters + gradients + updaterState;
    }

    /** One row per batch size for a ResNet spec, columns in MB (10^6 bytes). */
    public static Table table(ResNet spec, int... batchSizes) {
        return table(spec.conf(), spec.inputType(), batchSizes)
                .setName("DL4J memory report for " + spec.name()
                        + " at " + spec.height() + "x" + spec.width()
                        + " (training, fp32, " + spec.updaterName() + ")");
    }

    /** One row per batch size, columns in MB (10^6 bytes). */
    public static Table table(ComputationGraphConfiguration conf, InputType input, int... batchSizes) {
        IntColumn bs = IntColumn.create("batch size");
        DoubleColumn p = DoubleColumn.create("parameters MB");
        DoubleColumn g = DoubleColumn.create("gradients MB");
        DoubleColumn u = DoubleColumn.create("updater state MB");
        DoubleColumn a = DoubleColumn.create("activations MB");
        DoubleColumn ag = DoubleColumn.create("activation gradients MB");
        DoubleColumn w = DoubleColumn.create("working memory MB");
        DoubleColumn t = DoubleColumn.create("total MB");
        for (int b : batchSizes) {
            AnalyticMemory m = of(conf, input, b);
            bs.append(b);
            p.append(MemoryLog.round(Bytes.mb(m.parameters)));
            g.append(MemoryLog.round(Bytes.mb(m.gradients)));
            u.append(MemoryLog.round(Bytes.mb(m.updaterState)));
            a.append(MemoryLog.round(Bytes.mb(m.activations)));
            ag.append(MemoryLog.round(Bytes.mb(m.activationGradients)));
            w.append(MemoryLog.round(Bytes.mb(m.workingMemory)));
            t.append(MemoryLog.round(Bytes.mb(m.total)));
        }
        return Table.create("DL4J memory report (training, fp32)", bs, p, g, u, a, ag, w, t);
    }

    /** Category/MB table for this minibatch. */
    public Table toTable() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("parameters", parameters);
        rows.put("parameter gradients", gradients);
        rows.put("updater state", updaterState);
        rows.put("activations", activations);
        rows.put("activation gradients", activationGradients);
        rows.put("working memory", workingMemory);
        rows.put("cached memory", cachedMemory);
        rows.put("total (DL4J)", total);
        DoubleColumn mb = DoubleColumn.create("MB");
        rows.values().forEach(v -> mb.append(MemoryLog.round(Bytes.mb(v))));
        return Table.create(
                "DL4J memory report, training, minibatch " + minibatch,
                StringColumn.create("category", rows.keySet()),
                mb);
    }

    @Override
    public Map<String, String> mimeBundle() {
        Table t = toTable();
        return Map.of("text/plain", t.printAll(), "text/html", Tables.html(t));
    }
}
