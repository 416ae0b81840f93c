package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Renders every kind of chart Plots makes (line, scatter, bar, histogram, heat map; linear and log) at its size
 * and reads the tick labels XChart actually drew from the chart's own layout: no two overlap, and on numeric axes
 * they are the ticks {@link Ticks} chose. The PNGs land in target/figure-types/ for a look.
 */
@DisplayName("Every figure type: ticks as chosen, no overlapping tick labels")
@SuppressWarnings("try") // ChartAxes.Undo resources exist only to be closed
class FigureTypesTest {

    private static final FontRenderContext FRC = new FontRenderContext(null, true, false);

    static Map<String, Chart<?, ?>> charts() {
        Map<String, Chart<?, ?>> m = new LinkedHashMap<>();
        Random r = new Random(7);
        double[] loss = new double[1000];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = 2.3 * Math.exp(-i / 150.0) + 0.1 + 0.05 * r.nextGaussian();
        }
        m.put("line-1000-iterations", Plots.line("Training loss", "iteration", "MSE", loss));
        double[] rates = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        double[] w = new double[rates.length];
        double[] w2 = new double[rates.length];
        for (int i = 0; i < rates.length; i++) {
            w[i] = 0.008 * (1 - rates[i]);
            w2[i] = 0.004 + 0.001 * rates[i];
        }
        Map<String, double[]> ws = new LinkedHashMap<>();
        ws.put("w1", w);
        ws.put("w2", w2);
        XYChart sweep = Plots.lines("Weights", "dropout rate", "weight", rates, ws);
        Plots.addScatter(sweep, "w1 empirical", new double[] {0.05, 0.35, 0.65}, new double[] {0.0076, 0.0052, 0.0028});
        m.put("lines-dropout-sweep", sweep);
        double[] epochs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        double[] acc = new double[epochs.length];
        double[] val = new double[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            acc[i] = 100 - 60 * Math.exp(-i / 3.0);
            val[i] = 95 - 60 * Math.exp(-i / 3.5);
        }
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("train", acc);
        curves.put("validation", val);
        m.put("lines-epochs-accuracy", Plots.lines("Accuracy", "epoch", "accuracy (%)", epochs, curves));
        m.put("line-one-epoch", Plots.line("Accuracy", "epoch", "accuracy (%)", new double[] {1}, new double[] {20.05
        }));
        double[] sx = new double[300];
        double[] sy = new double[300];
        for (int i = 0; i < sx.length; i++) {
            sx[i] = r.nextGaussian() * 1e-3;
            sy[i] = -2e5 + r.nextGaussian() * 5e4;
        }
        m.put("scatter-small-and-large", Plots.scatter("Samples", "x1", "x2", sx, sy));
        m.put("line-negative", Plots.line("Signal", "t (s)", "volts", new double[] {-5, -2.5, 0, 2.5, 5}, new double[] {
            -0.3, -0.1, 0.05, 0.2, 0.31
        }));
        m.put(
                "log-x-learning-rate",
                Plots.logX(Plots.line(
                        "Learning-rate sweep",
                        "learning rate",
                        "best validation accuracy %",
                        new double[] {1, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001},
                        new double[] {10, 45, 52, 55, 56, 50, 40, 30})));
        double[] steps = new double[64000];
        double[] big = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i;
            big[i] = 2.3 * Math.exp(-i / 8000.0) + 1e-3;
        }
        m.put("log-y-64k-steps", Plots.logY(Plots.line("ResNet loss", "iteration", "loss", steps, big)));
        m.put(
                "bar",
                Plots.bar("Peak memory", "optimizer", "MB", new String[] {"SGD", "Momentum", "Adam"}, new double[] {
                    812.4, 1031.0, 1250.7
                }));
        m.put(
                "bar-equally-spaced",
                Plots.bar("Counts", "class", "images", new String[] {"a", "b"}, new double[] {500, 1000}));
        double[] weights = new double[20000];
        double[] weights2 = new double[20000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = r.nextGaussian() * 0.05;
            weights2[i] = r.nextGaussian() * 0.02;
        }
        Map<String, double[]> h = new LinkedHashMap<>();
        h.put("L1", weights2);
        h.put("L2", weights);
        m.put("histogram-overlay", Histograms.overlay("FC1 weights", "weight", h, 60));
        m.put("histogram", Histograms.of("Activations", "value", new double[] {1, 1, 2, 3, 3, 3, 4, 9}, 8));
        m.put(
                "heatmap-confusion",
                Plots.confusionMatrix(
                        "CNN, validation",
                        new int[][] {{50, 2, 0}, {3, 41, 8}, {0, 5, 47}},
                        new String[] {"circle", "square", "triangle"}));
        return m;
    }

    @Test
    void noTickLabelsOverlapAndNumericTicksAreTheChosenOnes() throws Exception {
        Path dir = Path.of("target", "figure-types");
        Files.createDirectories(dir);
        for (Map.Entry<String, Chart<?, ?>> e : charts().entrySet()) {
            Chart<?, ?> chart = e.getValue();
            ChartAxes.Chosen chosen = ChartAxes.chosen(chart);
            Plots.save(chart, dir.resolve(e.getKey() + ".png"));
            if (e.getKey().startsWith("lines-dropout")) {
                Plots.save(chart, dir.resolve(e.getKey() + ".svg"));
                Plots.save(chart, dir.resolve(e.getKey() + ".pdf"));
            }
            Font font = ((AxesChartStyler) chart.getStyler()).getAxisTickLabelsFont();
            List<String> xs = check(e.getKey() + " x", axis(chart, "getXAxis"), font, true);
            List<String> ys = check(e.getKey() + " y", axis(chart, "getYAxis"), font, false);
            assertTrue(xs.size() >= 2 && ys.size() >= 2, e.getKey() + ": ticks on both axes " + xs + " " + ys);
            if (chosen.x() != null && !((AxesChartStyler) chart.getStyler()).isXAxisLogarithmic()) {
                assertEquals(List.of(chosen.x().labels()), xs, e.getKey() + ": x ticks as chosen");
            }
            if (chosen.y() != null && !((AxesChartStyler) chart.getStyler()).isYAxisLogarithmic()) {
                assertEquals(List.of(chosen.y().labels()), ys, e.getKey() + ": y ticks as chosen");
            }
            assertFalse(chart.getSeriesMap().containsKey(ChartAxes.HIDDEN), "the helper series is gone again");
        }
    }

    @Test
    void theIssuesAxesReadAsMatplotlibWould() {
        Map<String, Chart<?, ?>> c = charts();
        assertEquals("0 200 400 600 800 1000", String.join(" ", ticks(c.get("line-1000-iterations"), "getXAxis")));
        assertEquals(
                "0.0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9",
                String.join(" ", ticks(c.get("lines-dropout-sweep"), "getXAxis")));
        assertEquals(
                "0.000 0.002 0.004 0.006 0.008", String.join(" ", ticks(c.get("lines-dropout-sweep"), "getYAxis")));
        assertEquals("0 2 4 6 8 10 12 14 16", String.join(" ", ticks(c.get("lines-epochs-accuracy"), "getXAxis")));
        assertEquals("0.001 0.01 0.1 1", String.join(" ", ticks(c.get("log-x-learning-rate"), "getXAxis")));
    }

    @Test
    void userRangesAreKept() {
        XYChart adam =
                Plots.line("SGD vs Adam", "dropout rate", "weight", new double[] {0, 0.5, 0.9}, new double[] {1, 2, 7});
        adam.getStyler().setYAxisMin(0.0).setYAxisMax(4.0);
        assertEquals("0 1 2 3 4", String.join(" ", ticks(adam, "getYAxis")));
        assertEquals(4.0, adam.getStyler().getYAxisMax(), 0);
        assertEquals(null, adam.getStyler().getXAxisMax(), "the chosen range is not left behind");
    }

    @Test
    void legendsGoWhereThereIsNoData() {
        XYChart rising = (XYChart) charts().get("lines-epochs-accuracy"); // curves fill the top right
        try (ChartAxes.Undo u = ChartAxes.prepare(rising)) {
            assertEquals(Styler.LegendPosition.InsideNW, rising.getStyler().getLegendPosition());
        }
        assertEquals(Styler.LegendPosition.InsideNE, rising.getStyler().getLegendPosition(), "restored");
        // data in every corner: the legend goes outside, below when its names are long
        double[] x = {0, 1, 0, 1, 0.5, 0.5};
        XYChart corners = Plots.scatter("Corners", "x", "y", x, new double[] {0, 0, 1, 1, 0, 1});
        Plots.addScatter(corners, "centre", new double[] {0.5}, new double[] {0.5});
        try (ChartAxes.Undo u = ChartAxes.prepare(corners)) {
            assertEquals(Styler.LegendPosition.OutsideE, corners.getStyler().getLegendPosition());
        }
        Plots.addScatter(
                corners, "measured: arrays held (params, grads, state, activations)", new double[] {0.5}, new double[] {
                    0.4
                });
        try (ChartAxes.Undo u = ChartAxes.prepare(corners)) {
            assertEquals(Styler.LegendPosition.OutsideS, corners.getStyler().getLegendPosition());
        }
        // one the user placed stays
        corners.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        try (ChartAxes.Undo u = ChartAxes.prepare(corners)) {
            assertEquals(Styler.LegendPosition.InsideSW, corners.getStyler().getLegendPosition());
        }
        Plots.image(corners);
    }

    static List<String> ticks(Chart<?, ?> chart, String axis) {
        Plots.image(chart);
        try {
            return check(
                    chart.getTitle(),
                    axis(chart, axis),
                    ((AxesChartStyler) chart.getStyler()).getAxisTickLabelsFont(),
                    axis.equals("getXAxis"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The axis object of the last paint (package-private in XChart, so by reflection: test code only). */
    static Object axis(Chart<?, ?> chart, String getter) throws Exception {
        Method m = Chart.class.getDeclaredMethod(getter);
        m.setAccessible(true);
        return m.invoke(chart);
    }

    /** The labels drawn (inside the axis, as XChart's AxisTickLabels filters them); asserts none overlap. */
    static List<String> check(String what, Object axis, Font font, boolean horizontal) throws Exception {
        AxisTickCalculator calc = (AxisTickCalculator)
                axis.getClass().getMethod("getAxisTickCalculator").invoke(axis);
        Rectangle2D bounds =
                (Rectangle2D) axis.getClass().getMethod("getBounds").invoke(axis);
        double extent = horizontal ? bounds.getWidth() : bounds.getHeight();
        List<String> labels = new ArrayList<>();
        List<double[]> boxes = new ArrayList<>();
        for (int i = 0; i < calc.getTickLabels().size(); i++) {
            String label = calc.getTickLabels().get(i);
            double at = calc.getTickLocations().get(i);
            if (label == null || at <= 0 || at >= extent) {
                continue;
            }
            Rectangle2D b = new TextLayout(label, font, FRC).getBounds();
            double half = (horizontal ? b.getWidth() : b.getHeight()) / 2;
            boxes.add(new double[] {at - half, at + half});
            labels.add(label);
        }
        boxes.sort((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 1; i < boxes.size(); i++) {
            assertTrue(
                    boxes.get(i)[0] >= boxes.get(i - 1)[1] + 2,
                    what + ": tick labels overlap: " + labels + " at " + boxes.get(i - 1)[1] + " / " + boxes.get(i)[0]);
        }
        return labels;
    }
}
