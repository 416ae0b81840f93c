package dlkit.notebook;

import dlkit.plot.Plots;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Every XChart chart, drawn by the library ({@link Plots#mimeBundle}): a 2x image/png, image/svg+xml as well when
 * asked for ({@code display(chart, "image/svg+xml")}, {@code Plots.svg(true)}), and a one-line text form.
 */
final class ChartRenderer {

    private ChartRenderer() {}

    static Map<String, String> render(Chart<?, ?> chart, List<String> requested) {
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "" : " \"" + chart.getTitle() + "\"";
        String text = chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "x" + chart.getHeight();
        boolean svg = requested.contains("image/svg+xml");
        boolean png = requested.isEmpty() || requested.contains("image/png") || !svg;
        return Plots.mimeBundle(chart, text, png, svg);
    }
}
