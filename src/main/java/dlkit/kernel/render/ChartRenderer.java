package dlkit.kernel.render;

import dlkit.display.Png;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Every XChart chart: image/png by default, image/svg+xml when asked for. */
final class ChartRenderer implements MimeRenderer.TypeRenderer {

    @Override
    public Map<String, Object> render(Object value, List<String> requested) {
        if (!(value instanceof Chart<?, ?> chart)) {
            return null;
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        boolean svg = requested.contains("image/svg+xml");
        if (requested.isEmpty() || requested.contains("image/png") || !svg) {
            bundle.put("image/png", Png.base64(BitmapEncoder.getBufferedImage(chart)));
        }
        if (svg) {
            bundle.put("image/svg+xml", svg(chart));
        }
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "" : " \"" + chart.getTitle() + "\"";
        bundle.put("text/plain", chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "x"
                + chart.getHeight());
        return bundle;
    }

    private static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode SVG", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
