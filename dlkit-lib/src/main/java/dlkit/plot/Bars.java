package dlkit.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Bar charts behind {@link Plots#bar}. */
final class Bars {

    private Bars() {}

    static CategoryChart of(String title, String xLabel, String yLabel, String[] categories, double[] values) {
        if (categories.length != values.length || categories.length == 0) {
            throw new IllegalArgumentException(categories.length + " categories but " + values.length + " values");
        }
        CategoryChart chart = new CategoryChartBuilder()
                .width(Plots.WIDTH)
                .height(Plots.HEIGHT)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        ChartStyle.apply(chart.getStyler()).setLegendVisible(false);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        List<Double> v = new ArrayList<>();
        for (double d : values) {
            v.add(d);
        }
        chart.addSeries(yLabel, Arrays.asList(categories), v);
        return chart;
    }
}
