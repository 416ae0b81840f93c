package dlkit.plot;

import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Turns anything a {@link Figure} accepts as a panel into pixels. */
final class Panels {

    private Panels() {
    }

    /**
     * Renders a panel: an XChart chart, a {@link BufferedImage}, a {@link Figure}, a {@code double[][]}
     * (gray, min–max stretched) or an {@link INDArray} ([H, W] gray or [3, H, W] colour, stretched).
     */
    static BufferedImage render(Object panel) {
        if (panel instanceof BufferedImage img) {
            return img;
        }
        if (panel instanceof Chart<?, ?> chart) {
            return BitmapEncoder.getBufferedImage(chart);
        }
        if (panel instanceof Figure figure) {
            return figure.toImage();
        }
        if (panel instanceof double[][] values) {
            return Images.gray(values, true);
        }
        if (panel instanceof INDArray array) {
            return Images.of(array);
        }
        throw new IllegalArgumentException("cannot draw a " + (panel == null ? "null" : panel.getClass().getName())
                + " as a panel: use an XChart chart, a BufferedImage, a Figure, a double[][] or an INDArray");
    }
}
