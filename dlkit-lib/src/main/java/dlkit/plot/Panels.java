package dlkit.plot;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Sizes and draws anything a {@link Figure} accepts as a panel, on any {@link Graphics2D} (pixels or vectors). */
final class Panels {

    private Panels() {}

    /**
     * The panel as something drawable: an XChart chart, a {@link BufferedImage} or a {@link Figure} as they are,
     * a {@code double[][]} (gray, min–max stretched) or an {@link INDArray} ([H, W] gray or [3, H, W] colour,
     * stretched) as an image.
     */
    static Object normalise(Object panel) {
        if (panel instanceof BufferedImage || panel instanceof Chart<?, ?> || panel instanceof Figure) {
            return panel;
        }
        if (panel instanceof double[][] values) {
            return Images.gray(values, true);
        }
        if (panel instanceof INDArray array) {
            return Images.of(array);
        }
        throw new IllegalArgumentException(
                "cannot draw a " + (panel == null ? "null" : panel.getClass().getName())
                        + " as a panel: use an XChart chart, a BufferedImage, a Figure, a double[][] or an INDArray");
    }

    /** Display size in pixels (1x). */
    static Dimension size(Object panel) {
        Object p = normalise(panel);
        if (p instanceof BufferedImage img) {
            return new Dimension(img.getWidth(), img.getHeight());
        }
        if (p instanceof Chart<?, ?> chart) {
            return new Dimension(chart.getWidth(), chart.getHeight());
        }
        return ((Figure) p).size();
    }

    /** Draws the panel with its top-left corner at the origin, in display pixels (the transform scales). */
    @SuppressWarnings("try") // the axes' Undo is only there to be closed
    static void paint(Object panel, Graphics2D g) {
        Object p = normalise(panel);
        if (p instanceof BufferedImage img) {
            Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
            // image pixels stay square blocks at 2x (MNIST digits, kernels), not smeared
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(img, 0, 0, null);
            if (old != null) {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
            }
        } else if (p instanceof Chart<?, ?> chart) {
            AffineTransform t = g.getTransform();
            java.awt.Shape clip = g.getClip();
            try (ChartAxes.Undo u = ChartAxes.prepare(chart)) {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                chart.paint(g, chart.getWidth(), chart.getHeight());
            } finally {
                g.setTransform(t);
                g.setClip(clip);
            }
        } else {
            ((Figure) p).paint(g);
        }
    }

    /** Renders a panel to pixels at {@code scale} times its display size. */
    static BufferedImage render(Object panel, int scale) {
        Object p = normalise(panel);
        if (scale == 1 && p instanceof BufferedImage img) {
            return img;
        }
        Dimension d = size(p);
        BufferedImage out = new BufferedImage(d.width * scale, d.height * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.scale(scale, scale);
        paint(p, g);
        g.dispose();
        return out;
    }

    /** Renders a panel at its display size (1x). */
    static BufferedImage render(Object panel) {
        return render(panel, 1);
    }
}
