package dlkit.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The weight layers of a network (convolutions and fully connected layers: every layer with a weight "W") with
 * their weight shapes in PyTorch's layout ({@code [out, in, kH, kW]}, {@code [out, in]}) and counts, as the
 * lab's sanity-check table. Biases and batch-normalisation parameters are counted separately.
 * <pre>{@code
 * ParameterTable p = ParameterTable.of(net);
 * p.totalWeights()      // 81792 for SimpleNN
 * p.toTable()           // Layer Name | Layer Shape | Number of Weight Parameters | Biases
 * p.weights()           // {CONV1=[...], CONV2=[...], ...}: every weight value, for histograms
 * }</pre>
 *
 * @param rows one row per weight layer, in network order
 */
public record ParameterTable(List<Row> rows) {

    /** One weight layer: its name, weight shape (PyTorch layout), weight count and bias count. */
    public record Row(String name, long[] shape, long weights, long biases) {
        public String shapeText() {
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                s.append(i == 0 ? "" : ", ").append(shape[i]);
            }
            return s.append(')').toString();
        }
    }

    public static ParameterTable of(Model net) {
        List<Row> rows = new ArrayList<>();
        for (Layer layer : NetAdapter.layers(net)) {
            INDArray w = layer.paramTable().get("W");
            if (w == null) {
                continue;
            }
            INDArray b = layer.paramTable().get("b");
            rows.add(new Row(name(layer), pytorchShape(w.shape()), w.length(), b == null ? 0 : b.length()));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the network has no layer with weights (\"W\")");
        }
        return new ParameterTable(List.copyOf(rows));
    }

    /** All weights (no biases), summed over the weight layers. */
    public long totalWeights() {
        return rows.stream().mapToLong(Row::weights).sum();
    }

    public long totalBiases() {
        return rows.stream().mapToLong(Row::biases).sum();
    }

    /** The row of the layer called {@code name}. */
    public Row row(String name) {
        return rows.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("no weight layer called " + name + "; the layers are " + names()));
    }

    public List<String> names() {
        return rows.stream().map(Row::name).toList();
    }

    /** The lab's table, with a total row. */
    public Table toTable() {
        Table t = Table.create(
                "Weight layers",
                StringColumn.create("Layer Name"),
                StringColumn.create("Layer Shape"),
                IntColumn.create("Number of Weight Parameters"),
                IntColumn.create("Biases"));
        for (Row r : rows) {
            t.stringColumn(0).append(r.name());
            t.stringColumn(1).append(r.shapeText());
            t.intColumn(2).append((int) r.weights());
            t.intColumn(3).append((int) r.biases());
        }
        t.stringColumn(0).append("Total");
        t.stringColumn(1).append("");
        t.intColumn(2).append((int) totalWeights());
        t.intColumn(3).append((int) totalBiases());
        return t;
    }

    /**
     * Every weight value of every weight layer (a copy), by layer name in network order: what the lab's weight
     * histograms show.
     */
    public static Map<String, double[]> weights(Model net) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Layer layer : NetAdapter.layers(net)) {
            INDArray w = layer.paramTable().get("W");
            if (w != null) {
                out.put(name(layer), w.castTo(DataType.DOUBLE).dup().data().asDouble());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "%-6s %-16s %,9d weights%n", r.name(), r.shapeText(), r.weights()));
        }
        return s.append(String.format(Locale.ROOT, "total: %,d weights (+ %,d biases)", totalWeights(), totalBiases()))
                .toString();
    }

    /** DL4J keeps dense weights as {@code [in, out]}; PyTorch shows {@code [out, in]}. Conv weights agree. */
    private static long[] pytorchShape(long[] dl4j) {
        return dl4j.length == 2 ? new long[] {dl4j[1], dl4j[0]} : Arrays.copyOf(dl4j, dl4j.length);
    }

    private static String name(Layer layer) {
        String n = layer.conf().getLayer().getLayerName();
        return n != null ? n : "layer " + layer.getIndex();
    }
}
