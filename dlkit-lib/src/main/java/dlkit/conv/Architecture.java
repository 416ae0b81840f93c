package dlkit.conv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A CNN written in the homework's notation, with the activation size and parameter count of every layer:
 * {@code CONVk-F} (F filters k×k×C, padding (k−1)/2, stride 1, with biases), {@code POOLk} (k×k max pooling,
 * stride k), {@code FLATTEN} and {@code FC-K} (K outputs, with biases). Shapes are written H × W × C.
 *
 * <pre>{@code
 * Architecture net = Architecture.of(28, 28, 1, "CONV3-10", "POOL2", "CONV3-10", "POOL2", "FLATTEN", "FC-3");
 * net.table()             // Layer | Parameters | Activations, as in the homework
 * net.compareWithDl4j()   // the same numbers read off a DL4J MultiLayerNetwork built from it
 * }</pre>
 */
public final class Architecture {

    private static final Pattern CONV = Pattern.compile("CONV(\\d+)-(\\d+)");
    private static final Pattern POOL = Pattern.compile("POOL(\\d+)");
    private static final Pattern FC = Pattern.compile("FC-(\\d+)");

    /** One line of the table: the layer, its parameters (and how they add up) and its output shape. */
    public record Row(String layer, long params, String paramsFormula, int[] shape) {

        /** The output shape as the homework writes it, e.g. {@code 14 × 14 × 10}. */
        public String dims() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < shape.length; i++) {
                sb.append(i == 0 ? "" : " × ").append(shape[i]);
            }
            return sb.toString();
        }

        /** Number of activations (the product of the shape). */
        public long size() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }

        @Override
        public String toString() {
            return layer + ": " + params + " parameters, " + dims();
        }
    }

    /** One layer as written ({@code CONVk-F}, {@code POOLk}, {@code FLATTEN}, {@code FC-K}), read once. */
    private record Layer(String name, Kind kind, int k, int n) {
        enum Kind {
            CONV,
            POOL,
            FLATTEN,
            FC
        }

        static Layer parse(String spec) {
            String s = spec.trim().toUpperCase();
            Matcher conv = CONV.matcher(s);
            Matcher pool = POOL.matcher(s);
            Matcher fc = FC.matcher(s);
            if (conv.matches()) {
                return new Layer(s, Kind.CONV, Integer.parseInt(conv.group(1)), Integer.parseInt(conv.group(2)));
            } else if (pool.matches()) {
                return new Layer(s, Kind.POOL, Integer.parseInt(pool.group(1)), 0);
            } else if (s.equals("FLATTEN")) {
                return new Layer(s, Kind.FLATTEN, 0, 0);
            } else if (fc.matches()) {
                return new Layer(s, Kind.FC, 0, Integer.parseInt(fc.group(1)));
            }
            throw new IllegalArgumentException("unknown layer '" + spec + "': use CONVk-F, POOLk, FLATTEN or FC-K");
        }
    }

    private final int[] input;
    private final List<Layer> layers;
    private final List<Row> rows;

    private Architecture(int[] input, List<Layer> layers, List<Row> rows) {
        this.input = input;
        this.layers = layers;
        this.rows = rows;
    }

    /** Parses the layers and computes every row; throws naming the layer that does not fit. */
    public static Architecture of(int height, int width, int channels, String... specs) {
        List<Layer> layers = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int[] shape = {height, width, channels};
        rows.add(new Row("Input", 0, "0", shape));
        for (String spec : specs) {
            Layer l = Layer.parse(spec);
            layers.add(l);
            switch (l.kind()) {
                case CONV -> {
                    need(shape.length == 3, spec, "needs an H × W × C input");
                    int k = l.k();
                    int c = shape[2];
                    int pad = (k - 1) / 2;
                    shape = new int[] {
                        Shapes.convOutput(shape[0], k, pad, 1), Shapes.convOutput(shape[1], k, pad, 1), l.n()
                    };
                    rows.add(new Row(
                            l.name(),
                            Shapes.convParams(k, c, l.n()),
                            k + " × " + k + " × " + c + " × " + l.n() + " + " + l.n(),
                            shape));
                }
                case POOL -> {
                    need(shape.length == 3, spec, "needs an H × W × C input");
                    int k = l.k();
                    shape = new int[] {Shapes.poolOutput(shape[0], k, k), Shapes.poolOutput(shape[1], k, k), shape[2]};
                    rows.add(new Row(l.name(), 0, "0", shape));
                }
                case FLATTEN -> {
                    long n = 1;
                    for (int d : shape) {
                        n *= d;
                    }
                    shape = new int[] {Math.toIntExact(n)};
                    rows.add(new Row(l.name(), 0, "0", shape));
                }
                case FC -> {
                    need(shape.length == 1, spec, "needs a flat input (add FLATTEN before it)");
                    rows.add(new Row(
                            l.name(),
                            Shapes.fcParams(shape[0], l.n()),
                            shape[0] + " × " + l.n() + " + " + l.n(),
                            new int[] {l.n()}));
                    shape = new int[] {l.n()};
                }
            }
        }
        return new Architecture(new int[] {height, width, channels}, List.copyOf(layers), List.copyOf(rows));
    }

    public List<Row> rows() {
        return rows;
    }

    /** The row of the i-th layer (0 is the input). */
    public Row row(int i) {
        return rows.get(i);
    }

    public long totalParams() {
        return rows.stream().mapToLong(Row::params).sum();
    }

    /** The homework's table: Layer, Number of Parameters (as a computation and a number), Dimension of Activations. */
    public Table table() {
        StringColumn layer = StringColumn.create("Layer");
        StringColumn params = StringColumn.create("Number of Parameters");
        StringColumn dims = StringColumn.create("Dimension of Activations");
        for (Row r : rows) {
            layer.append(r.layer());
            params.append(r.params() == 0 ? "0" : r.paramsFormula() + " = " + r.params());
            dims.append(r.dims());
        }
        return Table.create("Architecture", layer, params, dims);
    }

    /**
     * The same network in DL4J: ConvolutionLayer (padding (k−1)/2, stride 1), SubsamplingLayer (max), DenseLayer;
     * FLATTEN becomes DL4J's automatic CNN-to-dense preprocessor, so it is not a layer there. Identity
     * activations (they have no parameters and don't change shapes). Initialised with seed 42.
     */
    public MultiLayerNetwork toDl4j() {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder().seed(42).list();
        for (Layer l : layers) {
            switch (l.kind()) {
                case CONV ->
                    b.layer(new ConvolutionLayer.Builder(l.k(), l.k())
                            .stride(1, 1)
                            .padding((l.k() - 1) / 2, (l.k() - 1) / 2)
                            .nOut(l.n())
                            .activation(Activation.IDENTITY)
                            .build());
                case POOL ->
                    b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(l.k(), l.k())
                            .stride(l.k(), l.k())
                            .build());
                case FC ->
                    b.layer(new DenseLayer.Builder()
                            .nOut(l.n())
                            .activation(Activation.IDENTITY)
                            .build());
                case FLATTEN -> {} // DL4J's automatic CNN-to-dense preprocessor
            }
        }
        b.setInputType(InputType.convolutional(input[0], input[1], input[2]));
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /**
     * Our rows next to what DL4J reports for {@link #toDl4j()}: each layer's {@code numParams()} and the shape of
     * its activations for one input (DL4J's shapes are [1, C, H, W] and [1, N]).
     */
    public Table compareWithDl4j() {
        MultiLayerNetwork net = toDl4j();
        List<INDArray> acts = net.feedForward(Nd4j.zeros(1, input[2], input[0], input[1]), false);
        StringColumn layer = StringColumn.create("Layer");
        StringColumn ours = StringColumn.create("Parameters");
        StringColumn theirs = StringColumn.create("DL4J numParams");
        StringColumn dims = StringColumn.create("Activations");
        StringColumn dl4jDims = StringColumn.create("DL4J activations");
        int dl4jLayer = 0;
        for (Row r : rows) {
            layer.append(r.layer());
            ours.append(String.valueOf(r.params()));
            dims.append(r.dims());
            if (r.layer().equals("Input")) {
                theirs.append("-");
                dl4jDims.append(Arrays.toString(acts.get(0).shape()));
            } else if (r.layer().equals("FLATTEN")) {
                theirs.append("(preprocessor)");
                dl4jDims.append("-");
            } else {
                theirs.append(String.valueOf(net.getLayer(dl4jLayer).numParams()));
                dl4jDims.append(Arrays.toString(acts.get(dl4jLayer + 1).shape()));
                dl4jLayer++;
            }
        }
        layer.append("Total");
        ours.append(String.valueOf(totalParams()));
        theirs.append(String.valueOf(net.numParams()));
        dims.append("");
        dl4jDims.append("");
        return Table.create("Parameters and activations, ours vs DL4J", layer, ours, theirs, dims, dl4jDims);
    }

    @Override
    public String toString() {
        return table().printAll();
    }

    private static void need(boolean ok, String spec, String why) {
        if (!ok) {
            throw new IllegalArgumentException(spec + " " + why);
        }
    }
}
