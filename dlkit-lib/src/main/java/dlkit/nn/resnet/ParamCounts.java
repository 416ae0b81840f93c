package dlkit.nn.resnet;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A network's parameter counts, PyTorch's way and DL4J's way.
 *
 * <p>PyTorch's {@code sum(p.numel() for p in model.parameters() if p.requires_grad)} counts weights, biases and the
 * BatchNorm affine parameters (γ = {@code weight}, β = {@code bias}); the BN running mean and variance are
 * <i>buffers</i>, not parameters. DL4J keeps the running mean and variance (or log10 std, with {@code useLogStd}) in
 * the network's single flat parameter vector, so {@code numParams()} is larger by 2 × (BN channels). They get a NoOp
 * updater, so they carry no gradient and no optimizer state. DL4J's BN has no other extra parameters: its γ, β are
 * PyTorch's weight, bias. Hence {@code trainable = dl4jNumParams − bnRunningStats}.
 *
 * @param trainable      parameters that get gradients and optimizer state (= PyTorch's count)
 * @param dl4jNumParams  {@code net.numParams()}: trainable + BN running statistics
 * @param bnRunningStats BN running mean + variance entries (2 per BN channel)
 */
public record ParamCounts(long trainable, long dl4jNumParams, long bnRunningStats) {

    /** Counts from an initialised network's parameter table. */
    public static ParamCounts of(ComputationGraph net) {
        long running = 0;
        for (Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization) {
                for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                    if (isRunningStat(e.getKey())) {
                        running += e.getValue().length();
                    }
                }
            }
        }
        long total = net.numParams();
        return new ParamCounts(total - running, total, running);
    }

    /** Counts from a configuration, without allocating anything (input types must be set). */
    public static ParamCounts of(ComputationGraphConfiguration conf) {
        long total = 0;
        long running = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                org.deeplearning4j.nn.conf.layers.Layer l = lv.getLayerConf().getLayer();
                long n = l.initializer().numParams(l);
                total += n;
                if (l instanceof BatchNormalization bn) {
                    running += 2 * bn.getNOut();
                }
            }
        }
        return new ParamCounts(total - running, total, running);
    }

    /** Networks' counts side by side, one row per entry: trainable (= PyTorch), DL4J numParams(), BN running
     * mean+var, fp32 size estimate in MB. */
    public static Table table(String title, Map<String, ParamCounts> networks) {
        Collection<ParamCounts> counts = networks.values();
        return Table.create(
                title,
                StringColumn.create("model", networks.keySet()),
                LongColumn.create("trainable (= PyTorch)", counts.stream().mapToLong(ParamCounts::trainable)),
                LongColumn.create("DL4J numParams()", counts.stream().mapToLong(ParamCounts::dl4jNumParams)),
                LongColumn.create("BN running mean+var", counts.stream().mapToLong(ParamCounts::bnRunningStats)),
                DoubleColumn.create(
                        "size estimate MB", counts.stream().mapToDouble(c -> Double.parseDouble(c.sizeMBString()))));
    }

    private static boolean isRunningStat(String key) {
        return key.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                || key.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
                || key.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
    }

    /** BatchNorm channels in the network (each has a running mean and a running variance). */
    public long bnChannels() {
        return bnRunningStats / 2;
    }

    /** Size of the trainable parameters in MB (bytes / 1e6) at {@code bytesPerParam} bytes each. */
    public double sizeMB(int bytesPerParam) {
        return trainable * (double) bytesPerParam / 1e6;
    }

    /** Size of the trainable parameters in MB in fp32: the original notebook's "Model size estimate (MB)". */
    public double sizeMB() {
        return sizeMB(4);
    }

    /** The fp32 size as the original prints it, e.g. "232.657192" (six decimals: bytes / 1e6 exactly). */
    public String sizeMBString() {
        return String.format(Locale.ROOT, "%.6f", sizeMB());
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "trainable %,d (%s MB fp32); DL4J numParams %,d = trainable + %,d BN running mean/var (%,d channels)",
                trainable,
                sizeMBString(),
                dl4jNumParams,
                bnRunningStats,
                bnChannels());
    }
}
