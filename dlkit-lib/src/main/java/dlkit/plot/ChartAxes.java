package dlkit.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Puts {@link Ticks}' ticks on an XChart chart while it is drawn, then takes every change back, so the chart the
 * user holds is as they built it (their own ranges and later series still count).
 *
 * <p>XChart has its own tick logic; two parts of it give the unreadable axes this replaces: data that are
 * equally spaced (iterations 0..999, dropout rates) get ticks at every k-th data point (0 53 106 ...), and its
 * number format drops leading zeros and changes decimals from tick to tick. Here, before painting: the axis range
 * is set to the ends {@link Ticks} chose, the tick-spacing hint is set so that XChart's own 1-2-5 search lands on
 * the same step, a label function writes every tick in the axis's one format, and a hidden one-point series of
 * NaN makes the data look unequally spaced to XChart, so the 1-2-5 search is the one used. A legend left at the
 * default corner moves to the corner where it covers the fewest data points, or outside when every corner covers
 * some.
 */
final class ChartAxes {

    /** Hidden helper series; the name cannot clash with a user's. */
    static final String HIDDEN = "\u2063dlkit-ticks";
    /** Pixels a tick interval needs at least: x (labels side by side) and y (stacked). */
    private static final int MIN_X_SPACING = 48;

    private static final int MIN_Y_SPACING = 40;
    private static final FontRenderContext FRC = new FontRenderContext(null, true, false);

    private ChartAxes() {}

    /** What was changed, to undo after painting. */
    interface Undo extends AutoCloseable {
        @Override
        void close();
    }

    /** Prepares the chart's axes for one paint; close the result afterwards. */
    static Undo prepare(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            return prepareXY(xy);
        }
        if (chart instanceof CategoryChart cat) {
            return prepareCategory(cat);
        }
        LAST.set(new Chosen(null, null)); // heat maps: both axes are categories
        return () -> {};
    }

    /** The ticks chosen for the last prepared axes (tests read them). */
    record Chosen(Ticks.Axis x, Ticks.Axis y) {}

    @SuppressWarnings("try") // the resource is only there to be closed
    static Chosen chosen(Chart<?, ?> chart) {
        try (Undo u = prepare(chart)) {
            return LAST.get();
        }
    }

    private static final ThreadLocal<Chosen> LAST = new ThreadLocal<>();

    // ---- XY charts -------------------------------------------------------------------------------------------

    private static Undo prepareXY(XYChart chart) {
        AxesChartStyler s = chart.getStyler();
        List<XYSeries> series = new ArrayList<>();
        for (XYSeries x : chart.getSeriesMap().values()) {
            if (!x.getName().equals(HIDDEN)) {
                series.add(x);
            }
        }
        double[] xr = range(series, true, s.isXAxisLogarithmic());
        double[] yr = range(series, false, s.isYAxisLogarithmic());
        if (xr == null || yr == null) {
            LAST.set(new Chosen(null, null));
            return () -> {};
        }
        Saved saved = new Saved(s);
        boolean xInts = integers(series, true);
        boolean yInts = integers(series, false);

        Font tick = s.getAxisTickLabelsFont();
        double tickH = height(tick);
        double ySpace = ySpace(chart, s, tickH);
        Ticks.Axis y = s.isYAxisLogarithmic()
                ? Ticks.log(yr[0], yr[1])
                : fit(yr, s.getYAxisMin(), s.getYAxisMax(), yInts, ySpace, MIN_Y_SPACING, false, tick);
        double yLabelW = maxWidth(y.labels(), tick);
        LegendPosition legend = s.getLegendPosition();
        double legendW = 0;
        Ticks.Axis x = xAxis(chart, s, xr, xInts, xSpace(chart, s, yLabelW, 0), tick);
        if (s.isLegendVisible() && legend == LegendPosition.InsideNE) {
            legend = bestLegendCorner(chart, series, x, y, s, xSpace(chart, s, yLabelW, 0), ySpace);
            if (legend == LegendPosition.OutsideE) {
                legendW = legendSize(chart, s)[0] + s.getChartPadding();
                x = xAxis(chart, s, xr, xInts, xSpace(chart, s, yLabelW, legendW), tick);
            } else if (legend == LegendPosition.OutsideS) {
                // below the plot: the y axis is shorter by the legend's height
                s.setLegendPosition(legend);
                ySpace = ySpace(chart, s, tickH);
                y = s.isYAxisLogarithmic()
                        ? y
                        : fit(yr, s.getYAxisMin(), s.getYAxisMax(), yInts, ySpace, MIN_Y_SPACING, false, tick);
            }
        }
        double xSpace = xSpace(chart, s, yLabelW, legendW);
        s.setLegendPosition(legend);

        // a label function or date axis of the user's own stays: XChart then chooses as it does
        boolean dates = series.stream().anyMatch(x1 -> x1.getxAxisDataType() == Series.DataType.Date);
        if (dates || saved.xFormat != null) {
            x = null;
        } else if (s.isXAxisLogarithmic()) {
            setX(s, x, saved);
            s.setXAxisLogarithmicDecadeOnly(true);
            s.setXAxisDecimalPattern(Ticks.logPattern(x));
        } else {
            setX(s, x, saved);
            s.setXAxisTickMarkSpacingHint(hint(x, xSpace));
            Ticks.Format f = x.format();
            s.setxAxisTickLabelsFormattingFunction(v -> f.format(v));
        }
        if (saved.yFormat != null) {
            y = null;
        } else if (s.isYAxisLogarithmic()) {
            setY(s, y, saved);
            s.setYAxisLogarithmicDecadeOnly(true);
            s.setYAxisDecimalPattern(Ticks.logPattern(y));
        } else {
            setY(s, y, saved);
            s.setYAxisTickMarkSpacingHint(hint(y, ySpace));
            Ticks.Format f = y.format();
            s.setyAxisTickLabelsFormattingFunction(v -> f.format(v));
        }
        boolean hidden = !chart.getSeriesMap().containsKey(HIDDEN);
        if (hidden) {
            XYSeries h = chart.addSeries(HIDDEN, new double[] {Double.NaN}, new double[] {Double.NaN});
            h.setShowInLegend(false);
            h.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            h.setLineColor(new java.awt.Color(0, 0, 0, 0));
        }
        LAST.set(new Chosen(x, y));
        return () -> {
            if (hidden) {
                chart.removeSeries(HIDDEN);
            }
            saved.restore();
        };
    }

    private static Ticks.Axis xAxis(
            XYChart chart, AxesChartStyler s, double[] xr, boolean ints, double space, Font tick) {
        return s.isXAxisLogarithmic()
                ? Ticks.log(xr[0], xr[1])
                : fit(xr, s.getXAxisMin(), s.getXAxisMax(), ints, space, MIN_X_SPACING, true, tick);
    }

    private static void setX(AxesChartStyler s, Ticks.Axis a, Saved saved) {
        if (saved.xMin == null) {
            s.setXAxisMin(a.lo());
        }
        if (saved.xMax == null) {
            s.setXAxisMax(a.hi());
        }
    }

    private static void setY(AxesChartStyler s, Ticks.Axis a, Saved saved) {
        if (saved.yMin == null) {
            s.setYAxisMin(a.lo());
        }
        if (saved.yMax == null) {
            s.setYAxisMax(a.hi());
        }
    }

    /**
     * The densest ticks (at most {@code space / minSpacing} intervals) whose labels keep a gap of half their width
     * between neighbours ({@code sideBySide}: x labels; y labels only need their height).
     */
    static Ticks.Axis fit(
            double[] range,
            Double userMin,
            Double userMax,
            boolean ints,
            double space,
            int minSpacing,
            boolean sideBySide,
            Font font) {
        double lo = userMin != null ? userMin : range[0];
        double hi = userMax != null ? userMax : range[1];
        // at most 9 intervals on x (0.0 0.1 ... 0.9; 0 200 ... 1000 rather than 0 100 ... 1000), 7 on y
        int cap = Math.max(2, Math.min(sideBySide ? 9 : 7, (int) (space / minSpacing)));
        Ticks.Axis a = null;
        for (; cap >= 2; cap--) {
            a = Ticks.linear(lo, hi, cap, ints, userMin != null, userMax != null);
            if (!ints && hi > lo && (hi - lo) / (a.hi() - a.lo()) < WASTE) {
                // rounding out to the next ticks would leave a quarter of the axis empty (weights in +-0.043
                // on -0.06..0.06): the axis ends at the data, as matplotlib's does, with round ticks inside
                a = Ticks.linear(lo, hi, cap, false, true, true);
            }
            double px = space * a.step() / (a.hi() - a.lo());
            double need = sideBySide ? 1.5 * maxWidth(a.labels(), font) + 8 : 1.8 * height(font);
            if (px >= need) {
                break;
            }
        }
        return a;
    }

    /** The least share of an axis the data must fill when its ends are rounded out to ticks. */
    private static final double WASTE = 0.75;

    /**
     * XChart turns the hint h into a step: the 1-2-5 rounding of span * h / tickSpace (its bands: up to 1.5 -> 1,
     * up to 3.5 -> 2, up to 7.5 -> 5). The hint puts our step near the middle of its band, so that XChart picks it
     * even when its tick space differs from our estimate by a third.
     */
    static int hint(Ticks.Axis a, double space) {
        double span = a.hi() - a.lo();
        if (!(span > 0) || a.values().length < 2) {
            return 1;
        }
        double mantissa = a.step() / Math.pow(10, Math.floor(Math.log10(a.step()) + 1e-9));
        double centre = mantissa < 1.5 ? 1.06 : mantissa < 3.5 ? 1.15 : 1.02;
        return Math.max(1, (int) Math.round(a.step() / span * space * centre));
    }

    /** min..max of the finite x (or y) values of the series, positive ones only on a log axis; null if none. */
    private static double[] range(List<XYSeries> series, boolean x, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : series) {
            double[] values = x ? s.getXData() : s.getYData();
            double[] errors = x ? null : s.getExtraValues(); // error bars reach beyond the points
            for (int i = 0; i < values.length; i++) {
                double e = errors != null && i < errors.length && Double.isFinite(errors[i]) ? errors[i] : 0;
                for (double v : new double[] {values[i] - e, values[i] + e}) {
                    if (Double.isFinite(v) && (!log || v > 0)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    private static boolean integers(List<XYSeries> series, boolean x) {
        for (XYSeries s : series) {
            for (double v : x ? s.getXData() : s.getYData()) {
                if (Double.isFinite(v) && v != Math.rint(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- layout estimates (XChart's own arithmetic, see Axis.preparePaint) -----------------------------------

    private static double titleHeight(Chart<?, ?> chart, Styler s) {
        String t = chart.getTitle();
        if (t == null || t.isBlank() || !s.isChartTitleVisible()) {
            return 0;
        }
        return height(s.getChartTitleFont()) + 2 * s.getChartTitlePadding();
    }

    private static double axisTitleHeight(String title, AxesChartStyler s) {
        if (title == null || title.isBlank()) {
            return 0;
        }
        return height(s.getAxisTitleFont()) + s.getAxisTitlePadding();
    }

    static double ySpace(Chart<?, ?> chart, AxesChartStyler s, double tickH) {
        double xAxisH =
                axisTitleHeight(chart.getXAxisTitle(), s) + tickH + s.getAxisTickPadding() + s.getAxisTickMarkLength();
        double h = chart.getHeight()
                - titleHeight(chart, s)
                - s.getChartPadding()
                - xAxisH
                - s.getPlotMargin()
                - s.getChartPadding();
        if (s.isLegendVisible() && s.getLegendPosition() == LegendPosition.OutsideS) {
            h -= legendSize(chart, s)[1];
        }
        return h * s.getPlotContentSize();
    }

    static double xSpace(Chart<?, ?> chart, AxesChartStyler s, double yLabelW, double legendW) {
        double yAxisW = axisTitleHeight(chart.getYAxisTitle(), s)
                + yLabelW
                + s.getAxisTickPadding()
                + s.getAxisTickMarkLength();
        double w = chart.getWidth() - yAxisW - 2 * s.getChartPadding() - s.getPlotMargin() - legendW;
        if (s.isLegendVisible() && s.getLegendPosition() == LegendPosition.OutsideE && legendW == 0) {
            w -= legendSize(chart, s)[0] + s.getChartPadding();
        }
        return w * s.getPlotContentSize();
    }

    static double height(Font f) {
        return new TextLayout("0.9", f, FRC).getBounds().getHeight();
    }

    static double maxWidth(String[] labels, Font f) {
        double w = 0;
        for (String l : labels) {
            if (l != null && !l.isEmpty()) {
                w = Math.max(w, new TextLayout(l, f, FRC).getBounds().getWidth());
            }
        }
        return w;
    }

    // ---- legend ------------------------------------------------------------------------------------------------

    /** Width and height of the legend box, as XChart's Legend_ lays it out (approximately). */
    private static double[] legendSize(Chart<?, ?> chart, Styler s) {
        double w = 0;
        int n = 0;
        for (Object o : chart.getSeriesMap().values()) {
            org.knowm.xchart.internal.series.Series ser = (org.knowm.xchart.internal.series.Series) o;
            if (!ser.isShowInLegend() || ser.getName().equals(HIDDEN)) {
                continue;
            }
            n++;
            w = Math.max(
                    w,
                    new TextLayout(ser.getName(), s.getLegendFont(), FRC)
                            .getBounds()
                            .getWidth());
        }
        double lineH = Math.max(height(s.getLegendFont()) * 1.4, 12);
        double width = w + s.getLegendSeriesLineLength() + 3 * s.getLegendPadding();
        double height = n * (lineH + s.getLegendPadding()) + s.getLegendPadding();
        return new double[] {width, height};
    }

    /**
     * Of the corners inside the plot, the one whose legend box covers the fewest data points (lines sampled
     * between their points), matplotlib's {@code loc="best"}; outside on the right when every corner covers some.
     */
    private static LegendPosition bestLegendCorner(
            XYChart chart,
            List<XYSeries> series,
            Ticks.Axis x,
            Ticks.Axis y,
            AxesChartStyler s,
            double xSpace,
            double ySpace) {
        double[] box = legendSize(chart, s);
        double bw = (box[0] + s.getLegendPadding()) / (xSpace / s.getPlotContentSize());
        double bh = (box[1] + s.getLegendPadding()) / (ySpace / s.getPlotContentSize());
        // outside: on the right, or below when the names are long (the plot keeps its width)
        LegendPosition outside = box[0] > 0.3 * chart.getWidth() ? LegendPosition.OutsideS : LegendPosition.OutsideE;
        if (bw >= 0.6 || bh >= 0.6) {
            return outside;
        }
        LegendPosition[] order = {
            LegendPosition.InsideNE,
            LegendPosition.InsideNW,
            LegendPosition.InsideSW,
            LegendPosition.InsideSE,
            LegendPosition.InsideN,
            LegendPosition.InsideS
        };
        double[][] boxes = {
            {1 - bw, 1 - bh, 1, 1},
            {0, 1 - bh, bw, 1},
            {0, 0, bw, bh},
            {1 - bw, 0, 1, bh},
            {0.5 - bw / 2, 1 - bh, 0.5 + bw / 2, 1},
            {0.5 - bw / 2, 0, 0.5 + bw / 2, bh}
        };
        long[] hits = new long[order.length];
        double margin = (1 - s.getPlotContentSize()) / 2;
        for (XYSeries ser : series) {
            double[] xs = ser.getXData();
            double[] ys = ser.getYData();
            XYSeries.XYSeriesRenderStyle style = ser.getXYSeriesRenderStyle();
            boolean line = style != XYSeries.XYSeriesRenderStyle.Scatter;
            // an area (a histogram) covers everything below its curve
            boolean area = style == XYSeries.XYSeriesRenderStyle.Area || style == XYSeries.XYSeriesRenderStyle.StepArea;
            for (int i = 0; i < xs.length; i++) {
                int samples = line && i + 1 < xs.length ? 4 : 1;
                for (int k = 0; k < samples; k++) {
                    double t = (double) k / samples;
                    double px = i + 1 < xs.length ? xs[i] + t * (xs[i + 1] - xs[i]) : xs[i];
                    double py = i + 1 < xs.length ? ys[i] + t * (ys[i + 1] - ys[i]) : ys[i];
                    double fx = margin + (1 - 2 * margin) * frac(px, x, s.isXAxisLogarithmic());
                    double fy = margin + (1 - 2 * margin) * frac(py, y, s.isYAxisLogarithmic());
                    if (!Double.isFinite(fx) || !Double.isFinite(fy)) {
                        continue;
                    }
                    for (int b = 0; b < boxes.length; b++) {
                        boolean inX = fx >= boxes[b][0] && fx <= boxes[b][2];
                        boolean inY = area ? boxes[b][1] <= fy : fy >= boxes[b][1] && fy <= boxes[b][3];
                        if (inX && inY) {
                            hits[b]++;
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int b = 1; b < hits.length; b++) {
            if (hits[b] < hits[best]) {
                best = b;
            }
        }
        return hits[best] == 0 ? order[best] : outside;
    }

    private static double frac(double v, Ticks.Axis a, boolean log) {
        if (log) {
            return v > 0
                    ? (Math.log10(v) - Math.log10(a.lo())) / (Math.log10(a.hi()) - Math.log10(a.lo()))
                    : Double.NaN;
        }
        return (v - a.lo()) / (a.hi() - a.lo());
    }

    // ---- bar charts ------------------------------------------------------------------------------------------

    private static Undo prepareCategory(CategoryChart chart) {
        AxesChartStyler s = chart.getStyler();
        double lo = 0;
        double hi = 0;
        boolean any = false;
        boolean ints = true;
        Set<Double> unique = new LinkedHashSet<>();
        for (CategorySeries c : chart.getSeriesMap().values()) {
            for (Number n : c.getYData()) {
                if (n != null && Double.isFinite(n.doubleValue())) {
                    double v = n.doubleValue();
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    ints &= v == Math.rint(v);
                    unique.add(v);
                    any = true;
                }
            }
        }
        if (!any
                || s.isYAxisLogarithmic()
                || chart.getStyler().isStacked()
                || s.getyAxisTickLabelsFormattingFunction() != null) {
            LAST.set(new Chosen(null, null));
            return () -> {};
        }
        Saved saved = new Saved(s);
        Font tick = s.getAxisTickLabelsFont();
        double ySpace = ySpace(chart, s, height(tick));
        Ticks.Axis y =
                fit(new double[] {lo, hi}, s.getYAxisMin(), s.getYAxisMax(), ints, ySpace, MIN_Y_SPACING, false, tick);
        setY(s, y, saved);
        // XChart puts ticks only at the bar heights when [min, heights..., max] are equally spaced; nudge the top
        if (equallySpaced(s.getYAxisMin(), unique, s.getYAxisMax()) && saved.yMax == null) {
            s.setYAxisMax(y.hi() + Math.max(2e-4, (y.hi() - y.lo()) * 1e-6));
        }
        s.setYAxisTickMarkSpacingHint(hint(y, ySpace));
        Ticks.Format f = y.format();
        s.setyAxisTickLabelsFormattingFunction(v -> f.format(v));
        LAST.set(new Chosen(null, y));
        return saved::restore;
    }

    /** XChart's test (AxisTickCalculator_.areValuesEquallySpaced) on [min, unique values..., max]. */
    static boolean equallySpaced(Double min, Set<Double> values, Double max) {
        List<Double> v = new ArrayList<>(new LinkedHashSet<>(concat(min, values, max)));
        if (v.size() < 2 || Math.abs(max - min) < 1e-4) {
            return false;
        }
        double d = v.get(1) - v.get(0);
        for (int i = 2; i < v.size(); i++) {
            if (!(Math.abs(v.get(i) - v.get(i - 1) - d) < 1e-4)) {
                return false;
            }
        }
        return true;
    }

    private static List<Double> concat(Double min, Set<Double> values, Double max) {
        List<Double> l = new ArrayList<>();
        l.add(min);
        l.addAll(values);
        l.add(max);
        return l;
    }

    /** The styler settings this class changes, as they were. */
    private static final class Saved {
        final AxesChartStyler s;
        final Double xMin;
        final Double xMax;
        final Double yMin;
        final Double yMax;
        final int xHint;
        final int yHint;
        final Function<Double, String> xFormat;
        final Function<Double, String> yFormat;
        final String xPattern;
        final String yPattern;
        final boolean xDecades;
        final boolean yDecades;
        final LegendPosition legend;

        Saved(AxesChartStyler s) {
            this.s = s;
            xMin = s.getXAxisMin();
            xMax = s.getXAxisMax();
            yMin = s.getYAxisMin();
            yMax = s.getYAxisMax();
            xHint = s.getXAxisTickMarkSpacingHint();
            yHint = s.getYAxisTickMarkSpacingHint();
            xFormat = s.getxAxisTickLabelsFormattingFunction();
            yFormat = s.getyAxisTickLabelsFormattingFunction();
            xPattern = s.getXAxisDecimalPattern();
            yPattern = s.getYAxisDecimalPattern();
            xDecades = s.isXAxisLogarithmicDecadeOnly();
            yDecades = s.isYAxisLogarithmicDecadeOnly();
            legend = s.getLegendPosition();
        }

        void restore() {
            s.setXAxisMin(xMin).setXAxisMax(xMax);
            s.setYAxisMin(yMin).setYAxisMax(yMax);
            s.setXAxisTickMarkSpacingHint(xHint).setYAxisTickMarkSpacingHint(yHint);
            s.setxAxisTickLabelsFormattingFunction(xFormat);
            s.setyAxisTickLabelsFormattingFunction(yFormat);
            s.setXAxisDecimalPattern(xPattern).setYAxisDecimalPattern(yPattern);
            s.setXAxisLogarithmicDecadeOnly(xDecades).setYAxisLogarithmicDecadeOnly(yDecades);
            s.setLegendPosition(legend);
        }
    }
}
