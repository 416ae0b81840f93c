package dlkit.plot;

import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Builds and extends the XY charts behind {@link Plots}'s line and scatter helpers. */
final class XYCharts {

    private XYCharts() {}

    static XYChart empty(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder()
                .width(Plots.WIDTH)
                .height(Plots.HEIGHT)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        ChartStyle.apply(chart.getStyler())
                .setLegendPosition(Styler.LegendPosition.InsideNE)
                .setLegendVisible(false);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    static XYChart addLine(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, checkX(x, y), y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        // a line through one point draws nothing (e.g. a one-epoch run's curve): show that point as a marker
        s.setMarker(y.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return legendIfMany(chart);
    }

    static XYChart addScatter(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, checkX(x, y), y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return legendIfMany(chart);
    }

    static XYChart lines(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("lines needs at least one series");
        }
        XYChart chart = empty(title, xLabel, yLabel);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            addLine(chart, e.getKey(), x != null ? x : indices(e.getValue().length), e.getValue());
        }
        return chart;
    }

    static XYChart logY(XYChart chart) {
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getYData()) {
                if (!(v > 0) && !Double.isNaN(v)) {
                    throw new IllegalArgumentException(
                            "log-scale y needs positive values; series '" + s.getName() + "' has " + v);
                }
            }
        }
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    static XYChart logX(XYChart chart) {
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getXData()) {
                if (!(v > 0) && !Double.isNaN(v)) {
                    throw new IllegalArgumentException(
                            "log-scale x needs positive values; series '" + s.getName() + "' has " + v);
                }
            }
        }
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
    }

    static XYChart xRange(XYChart chart, double min, double max) {
        checkRange(min, max);
        chart.getStyler().setXAxisMin(min).setXAxisMax(max);
        return chart;
    }

    static XYChart yRange(XYChart chart, double min, double max) {
        checkRange(min, max);
        chart.getStyler().setYAxisMin(min).setYAxisMax(max);
        return chart;
    }

    private static void checkRange(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("axis range needs min < max, got " + min + " and " + max);
        }
    }

    static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double[] checkX(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        return x;
    }

    private static XYChart legendIfMany(XYChart chart) {
        chart.getStyler().setLegendVisible(chart.getSeriesMap().size() > 1);
        return chart;
    }
}
