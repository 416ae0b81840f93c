package dlkit.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Histograms as XChart step-area charts, and per-layer weight histograms (the lab's L1 vs L2 comparison).
 * <pre>{@code
 * Histograms.of("FC1 weights", "weight", values, 50)                         // one histogram
 * Histograms.overlay("FC1", "weight", Map.of("L1", w1, "L2", w2), 50)        // several, the same bins
 * Histograms.perLayer("L1 vs L2", Map.of("L1", ParameterTable.weights(l1Net), "L2", ParameterTable.weights(l2Net)), 50)
 * Histograms.counts(values, edges)                                           // the counts themselves
 * }</pre>
 * Bins are {@code bins} equal intervals from the smallest to the largest value (of all series of a chart); the last
 * bin includes its right edge, as NumPy's {@code histogram}.
 */
public final class Histograms {

    private Histograms() {}

    /** One histogram of {@code values} with {@code bins} equal bins. */
    public static XYChart of(String title, String xLabel, double[] values, int bins) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("count", values);
        return overlay(title, xLabel, one, bins);
    }

    /** Several histograms on shared bins, one step-area series per entry (in the map's order). */
    public static XYChart overlay(String title, String xLabel, Map<String, double[]> series, int bins) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a histogram needs at least one series of values");
        }
        double[] edges = edges(series.values(), bins);
        XYChart chart = XYCharts.empty(title, xLabel, "count");
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            long[] c = counts(e.getValue(), edges);
            // A step curve through each bin's left edge, closed at the last right edge.
            double[] x = new double[bins + 1];
            double[] y = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                x[b] = edges[b];
                y[b] = c[Math.min(b, bins - 1)];
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            s.setMarker(SeriesMarkers.NONE);
            if (series.size() > 1) {
                // overlaid histograms show through each other, as matplotlib's alpha=0.5
                java.awt.Color colour = ChartStyle.TAB10[(chart.getSeriesMap().size() - 1) % ChartStyle.TAB10.length];
                s.setLineColor(colour);
                s.setFillColor(new java.awt.Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 128));
            }
        }
        // Counts start at 0 (the tick labels are chosen when the chart is drawn, see ChartAxes).
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    /**
     * One panel per layer, each overlaying the runs: {@code runs} maps a run name (e.g. "L1") to its weights by
     * layer (e.g. {@code ParameterTable.weights(net)}); layers are taken from the first run. Two columns.
     */
    public static Figure perLayer(String title, Map<String, Map<String, double[]>> runs, int bins) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("perLayer needs at least one run");
        }
        Map<String, double[]> first = runs.values().iterator().next();
        List<Object> panels = new ArrayList<>();
        for (String layer : first.keySet()) {
            Map<String, double[]> series = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, double[]>> run : runs.entrySet()) {
                double[] w = run.getValue().get(layer);
                if (w == null) {
                    throw new IllegalArgumentException("run " + run.getKey() + " has no layer " + layer);
                }
                series.put(run.getKey(), w);
            }
            panels.add(overlay("Weight histogram of layer " + layer, "weight", series, bins));
        }
        return Plots.grid(2, panels.toArray()).withTitle(title);
    }

    /** {@code bins + 1} equal-width edges spanning all values (±0.5 around a single value). */
    public static double[] edges(Iterable<double[]> series, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least 1 bin, got " + bins);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] values : series) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("a histogram needs at least one finite value");
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = lo + (hi - lo) * b / bins;
        }
        edges[bins] = hi;
        return edges;
    }

    /** How many values fall in each bin {@code [edges[b], edges[b+1])}; the last bin is closed. NaN is skipped. */
    public static long[] counts(double[] values, double[] edges) {
        int bins = edges.length - 1;
        long[] c = new long[bins];
        double lo = edges[0];
        double hi = edges[bins];
        for (double v : values) {
            if (!(v >= lo && v <= hi)) {
                continue;
            }
            int b = (int) ((v - lo) / (hi - lo) * bins);
            b = Math.min(b, bins - 1);
            // Guard rounding at the edges so every value lands in the bin the edges say.
            while (b > 0 && v < edges[b]) {
                b--;
            }
            while (b < bins - 1 && v >= edges[b + 1]) {
                b++;
            }
            c[b]++;
        }
        return c;
    }
}
