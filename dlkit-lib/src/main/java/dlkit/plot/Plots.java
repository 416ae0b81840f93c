package dlkit.plot;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

/**
 * Notebook plots in one line, labels first: every chart has a title and axis labels.
 *
 * <p>Charts are plain XChart objects ({@link XYChart}, {@link HeatMapChart}): the kernel shows them inline when
 * they are a cell's value or passed to {@code display(...)}, and XChart's own API (styler, {@code addSeries})
 * still works on them. {@link Figure}s put several charts and images side by side or in a grid. Everything
 * renders headless ({@code -Djava.awt.headless=true}).
 *
 * <h2>Lines and points</h2>
 * <pre>{@code
 * Plots.line("Training loss", "step", "loss", history.loss())            // x = 0, 1, ..., n-1
 * Plots.line("Sine", "x", "sin(x)", xs, ys)
 * Plots.lines("Loss", "epoch", "loss", Map.of("train", tr, "val", va))    // x = 0..n-1 per series (Map.of: any order)
 * Plots.lines("Loss", "epoch", "loss", epochs, series)                     // shared x; keeps a LinkedHashMap's order
 * Plots.scatter("Samples", "x1", "x2", x1, x2)
 *
 * XYChart c = Plots.line("w1 vs p", "p", "w1", ps, analytic);           // analytic curve ...
 * Plots.addScatter(c, "empirical", ps, measured);                        // ... plus empirical points
 * Plots.logY(Plots.line("Loss", "step", "loss", loss))                   // log-scale y (also logX)
 * Plots.yRange(Plots.line("Loss", "step", "loss", loss), 0, 2)           // zoom (also xRange)
 *
 * XYChart acc = Plots.xy("Accuracy vs time", "seconds", "accuracy");    // empty, then named series
 * Plots.addLine(acc, "batch 16", t16, a16);                              // each with its own x
 * Plots.addLine(acc, "batch 64", t64, a64);
 *
 * Plots.bar("Peak memory", "optimizer", "MB", new String[] {"SGD", "Adam"}, new double[] {812, 1250})
 * }</pre>
 * Series names: the single-series helpers name their series after the y label; a legend appears as soon as a
 * chart has two or more series.
 *
 * <h2>Heat maps</h2>
 * <pre>{@code
 * Plots.heatmap("Kernel", kernel, rowLabels, colLabels)                  // values written in the cells
 * Plots.confusionMatrix("CNN, validation", counts, classNames)          // rows = true, columns = predicted
 * }</pre>
 * Row 0 of the matrix is drawn at the top.
 *
 * <h2>Figures and images</h2>
 * <pre>{@code
 * Plots.row(lossChart, weightChart)                                      // side by side
 * Plots.grid(2, c1, c2, c3, c4)                                          // 2 columns, filled row by row
 * Plots.imageGrid(2, 5, images, titles)                                  // double[][], INDArray or BufferedImage
 * Plots.row(Images.gray(img), Images.gray(edges, true))                  // arrays as images, see Images
 * Plots.row(c1, c2).withTitle("Dropout sweep")                           // a title above the figure
 * Plots.save(fig, Path.of("out/fig.png"));  Plots.png(chart)            // PNG file / bytes (2x)
 * fig.save("fig.pdf");  fig.save("fig.svg")                              // vector files for a write-up
 * Plots.svg(true)                                                        // inline output adds image/svg+xml
 * }</pre>
 * A panel can be an XChart chart, a {@link BufferedImage}, another {@link Figure}, a {@code double[][]} (gray,
 * min–max stretched) or an ND4J array ([H, W] gray or [3, H, W] colour, stretched).
 *
 * <h2>Looks</h2>
 * Every chart made here has matplotlib's colour cycle and readable fonts ({@link ChartStyle}); numeric axes get
 * 1-2-5 ticks that start and end the axis, one number format per axis ({@link Ticks}), chosen when the chart is
 * drawn; a legend goes to the corner where it covers no data, or outside. Figures show as 2x PNGs.
 */
public final class Plots {

    /** Size of the charts made here, in pixels. */
    public static final int WIDTH = 600;

    public static final int HEIGHT = 400;

    /** Environment variable that turns SVG output on for the whole session ({@code DLKIT_SVG=1}). */
    public static final String SVG_ENV = "DLKIT_SVG";

    private static volatile boolean svg = isTrue(System.getenv(SVG_ENV));

    private Plots() {}

    /**
     * Whether figures and charts shown inline also carry {@code image/svg+xml} (vector, selectable text; larger
     * notebooks). Off by default; {@code DLKIT_SVG=1} in the kernel's environment turns it on from the start.
     */
    public static void svg(boolean on) {
        svg = on;
    }

    public static boolean svgEnabled() {
        return svg;
    }

    private static boolean isTrue(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    /**
     * The MIME bundle a notebook shows for any panel (what the kernel publishes for a chart): {@code text} as
     * text/plain, a 2x image/png when {@code png}, and image/svg+xml when {@code svg} or {@link #svg(boolean)}
     * asks for it.
     */
    public static Map<String, String> mimeBundle(Object panel, String text, boolean png, boolean svg) {
        return Figure.of(panel).mimeBundle(text, png, svg || svgEnabled());
    }

    /** An empty XY chart with title and axis labels, to add named series to with {@link #addLine}/{@link #addScatter}. */
    public static XYChart xy(String title, String xLabel, String yLabel) {
        return XYCharts.empty(title, xLabel, yLabel);
    }

    /** One line of {@code y} against its index 0..n-1. */
    public static XYChart line(String title, String xLabel, String yLabel, double[] y) {
        return line(title, xLabel, yLabel, XYCharts.indices(y.length), y);
    }

    /** One line of {@code y} against {@code x}. */
    public static XYChart line(String title, String xLabel, String yLabel, double[] x, double[] y) {
        return XYCharts.addLine(XYCharts.empty(title, xLabel, yLabel), yLabel, x, y);
    }

    /** Several named lines, each against its own index 0..n-1, in the map's iteration order. */
    public static XYChart lines(String title, String xLabel, String yLabel, Map<String, double[]> seriesByName) {
        return XYCharts.lines(title, xLabel, yLabel, null, seriesByName);
    }

    /** Several named lines sharing one x. */
    public static XYChart lines(
            String title, String xLabel, String yLabel, double[] x, Map<String, double[]> seriesByName) {
        return XYCharts.lines(title, xLabel, yLabel, x, seriesByName);
    }

    /** Points (markers, no line) of {@code y} against {@code x}. */
    public static XYChart scatter(String title, String xLabel, String yLabel, double[] x, double[] y) {
        return XYCharts.addScatter(XYCharts.empty(title, xLabel, yLabel), yLabel, x, y);
    }

    /** Adds a line series to an existing chart; returns the chart. Names must be unique within a chart. */
    public static XYChart addLine(XYChart chart, String name, double[] x, double[] y) {
        return XYCharts.addLine(chart, name, x, y);
    }

    /** Adds a series of points to an existing chart (e.g. measurements over an analytic curve). */
    public static XYChart addScatter(XYChart chart, String name, double[] x, double[] y) {
        return XYCharts.addScatter(chart, name, x, y);
    }

    /** Switches the y axis to a log scale; all y values must be positive. Returns the chart. */
    public static XYChart logY(XYChart chart) {
        return XYCharts.logY(chart);
    }

    /** Switches the x axis to a log scale; all x values must be positive. Returns the chart. */
    public static XYChart logX(XYChart chart) {
        return XYCharts.logX(chart);
    }

    /** Shows only {@code min..max} on the x axis (zoom). Returns the chart. */
    public static XYChart xRange(XYChart chart, double min, double max) {
        return XYCharts.xRange(chart, min, max);
    }

    /** Shows only {@code min..max} on the y axis (zoom). Returns the chart. */
    public static XYChart yRange(XYChart chart, double min, double max) {
        return XYCharts.yRange(chart, min, max);
    }

    /** One bar per category. */
    public static CategoryChart bar(String title, String xLabel, String yLabel, String[] categories, double[] values) {
        return Bars.of(title, xLabel, yLabel, categories, values);
    }

    /** An annotated heat map, row 0 at the top. */
    public static HeatMapChart heatmap(String title, double[][] values, String[] rowLabels, String[] colLabels) {
        return Heatmaps.of(title, "", "", values, rowLabels, colLabels);
    }

    /** An annotated heat map with axis titles, row 0 at the top. */
    public static HeatMapChart heatmap(
            String title, String xLabel, String yLabel, double[][] values, String[] rowLabels, String[] colLabels) {
        return Heatmaps.of(title, xLabel, yLabel, values, rowLabels, colLabels);
    }

    /** A confusion matrix: {@code counts[trueClass][predictedClass]}, rows = true class, columns = predicted. */
    public static HeatMapChart confusionMatrix(String title, int[][] counts, String[] classNames) {
        return Heatmaps.of(title, "predicted", "true", Heatmaps.toDouble(counts), classNames, classNames);
    }

    /** Panels side by side. */
    public static Figure row(Object... panels) {
        return new Figure(panels.length, Arrays.asList(panels));
    }

    /** Panels in a grid of {@code cols} columns, filled row by row. */
    public static Figure grid(int cols, Object... panels) {
        return new Figure(cols, Arrays.asList(panels));
    }

    /**
     * Images in a {@code rows x cols} grid with small titles above them ({@code titles} may be null). Elements may
     * be {@code double[][]} or ND4J arrays (min–max stretched) or {@link BufferedImage}s; tiny images are enlarged.
     */
    public static Figure imageGrid(int rows, int cols, List<?> images, List<String> titles) {
        return ImageGrid.of(rows, cols, images, titles);
    }

    /** Renders any panel (chart, figure, image, array) to an image at its display size. */
    public static BufferedImage image(Object panel) {
        return Panels.render(panel);
    }

    /** Any panel as PNG bytes at {@link Figure#DENSITY}x its display size. */
    public static byte[] png(Object panel) {
        return Figure.of(panel).png();
    }

    /** Writes any panel as a .png, .svg or .pdf file (by the name's extension) and returns the path. */
    public static Path save(Object panel, Path path) {
        return Figure.of(panel).save(path);
    }
}
