package dlkit.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * Annotated heat maps (confusion matrices, kernels) on XChart's {@link HeatMapChart}. XChart puts y index 0 at
 * the bottom; here row 0 of the matrix is drawn at the top, as it reads on paper.
 */
final class Heatmaps {

    private static final Color[] BLUES = {new Color(0xF7FBFF), new Color(0x9ECAE1), new Color(0x4292C6)};

    private Heatmaps() {}

    static HeatMapChart of(
            String title, String xLabel, String yLabel, double[][] values, String[] rowLabels, String[] colLabels) {
        int rows = values.length;
        if (rows == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("heatmap needs a non-empty matrix");
        }
        int cols = values[0].length;
        if (rowLabels.length != rows || colLabels.length != cols) {
            throw new IllegalArgumentException("matrix is " + rows + "x" + cols + " but there are " + rowLabels.length
                    + " row labels and " + colLabels.length + " column labels");
        }
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(Plots.WIDTH)
                .height(Plots.HEIGHT + 100)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        List<String> yLabels = new ArrayList<>(Arrays.asList(rowLabels));
        java.util.Collections.reverse(yLabels);
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integers = true;
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException(
                        "ragged matrix: row " + r + " has " + values[r].length + " values, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                double v = values[r][c];
                cells.add(new Number[] {c, rows - 1 - r, v});
                min = Math.min(min, v);
                max = Math.max(max, v);
                integers &= v == Math.rint(v);
            }
        }
        chart.addSeries(title, Arrays.asList(colLabels), yLabels, cells);
        HeatMapStyler styler = chart.getStyler();
        ChartStyle.apply(styler);
        styler.setShowValue(true)
                .setValueFontColor(Color.BLACK)
                .setHeatMapValueDecimalPattern(integers ? "#" : "0.00")
                .setRangeColors(BLUES)
                .setMin(min)
                .setMax(max > min ? max : min + 1)
                .setDrawBorder(true);
        styler.setPlotContentSize(1.0);
        return chart;
    }

    static double[][] toDouble(int[][] counts) {
        double[][] v = new double[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            v[r] = new double[counts[r].length];
            for (int c = 0; c < counts[r].length; c++) {
                v[r][c] = counts[r][c];
            }
        }
        return v;
    }
}
