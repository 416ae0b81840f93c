package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

@DisplayName("Line, scatter and image-grid helpers")
class PlotsTest {

    @Test
    void line_usesIndicesAndLabels() {
        XYChart c = Plots.line("Training loss", "step", "loss", new double[] {3, 2, 1});
        assertEquals("Training loss", c.getTitle());
        assertEquals("step", c.getXAxisTitle());
        assertEquals("loss", c.getYAxisTitle());
        XYSeries s = c.getSeriesMap().get("loss");
        assertEquals(2.0, s.getXData()[2], 0);
        assertFalse(c.getStyler().isLegendVisible());
    }

    @Test
    void aOnePointLineShowsItsPointAsAMarker() {
        // a one-epoch run's curve: a line needs two points, so the single point gets a marker
        XYChart one = Plots.line("Accuracy", "epoch", "acc", new double[] {1}, new double[] {20.05});
        assertEquals(
                org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE,
                one.getSeriesMap().get("acc").getMarker());
        XYChart two = Plots.line("Accuracy", "epoch", "acc", new double[] {1, 2}, new double[] {20.05, 30});
        assertEquals(
                org.knowm.xchart.style.markers.SeriesMarkers.NONE,
                two.getSeriesMap().get("acc").getMarker());
    }

    @Test
    void lines_keepOrderAndShowALegend() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("train", new double[] {1, 2});
        m.put("val", new double[] {2, 3});
        m.put("test", new double[] {3, 4});
        XYChart c = Plots.lines("Loss", "epoch", "loss", new double[] {1, 2}, m);
        assertEquals(
                List.of("train", "val", "test"), List.copyOf(c.getSeriesMap().keySet()));
        assertTrue(c.getStyler().isLegendVisible());
    }

    @Test
    void addScatter_putsPointsOnALineChart() {
        XYChart c = Plots.line("w1", "p", "w1", new double[] {0, 1}, new double[] {1, 0});
        Plots.addScatter(c, "empirical", new double[] {0.5}, new double[] {0.4});
        assertEquals(2, c.getSeriesMap().size());
        assertEquals(
                XYSeries.XYSeriesRenderStyle.Scatter,
                c.getSeriesMap().get("empirical").getXYSeriesRenderStyle());
        assertEquals(
                XYSeries.XYSeriesRenderStyle.Line, c.getSeriesMap().get("w1").getXYSeriesRenderStyle());
    }

    @Test
    void logY_rejectsNonPositiveValues() {
        assertTrue(Plots.logY(Plots.line("l", "x", "y", new double[] {1, 0.1}))
                .getStyler()
                .isYAxisLogarithmic());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Plots.logY(Plots.line("l", "x", "y", new double[] {1, 0})));
        assertEquals("log-scale y needs positive values; series 'y' has 0.0", e.getMessage());
    }

    @Test
    void mismatchedLengths_areRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Plots.line("l", "x", "y", new double[] {1, 2, 3}, new double[] {1, 2}));
    }

    @Test
    void chartsRenderHeadless_toDecodablePng() throws Exception {
        assertTrue(java.awt.GraphicsEnvironment.isHeadless());
        byte[] png = Plots.png(Plots.scatter("s", "x", "y", new double[] {1, 2}, new double[] {1, 4}));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(2 * Plots.WIDTH, img.getWidth(), "2x pixels for HiDPI screens");
        assertEquals(
                Plots.WIDTH,
                Plots.image(Plots.scatter("s", "x", "y", new double[] {1, 2}, new double[] {1, 4}))
                        .getWidth(),
                "image() is the display size");
    }

    @Test
    void imageGrid_enlargesTinyImagesAndLaysOutRows() {
        double[][] tiny = new double[28][28];
        Figure f = Plots.imageGrid(2, 3, List.of(tiny, tiny, tiny, tiny), List.of("a", "b", "c", "d"));
        assertEquals(2, f.rows());
        assertEquals(3, f.columns());
        BufferedImage img = f.toImage();
        // 28 px enlarged 4x = 112, plus a 4 px margin each side, three columns
        assertEquals(3 * (112 + 8), img.getWidth());
        assertTrue(img.getHeight() > 2 * (112 + 8), "title strips add height");
    }

    @Test
    void imageGrid_checksCounts() {
        double[][] a = new double[2][2];
        assertThrows(IllegalArgumentException.class, () -> Plots.imageGrid(1, 1, List.of(a, a), null));
        assertThrows(IllegalArgumentException.class, () -> Plots.imageGrid(1, 2, List.of(a, a), List.of("x")));
    }

    @Test
    void xy_takesSeriesWithTheirOwnX() {
        XYChart c = Plots.xy("Accuracy vs time", "seconds", "accuracy");
        assertEquals(0, c.getSeriesMap().size());
        Plots.addLine(c, "batch 16", new double[] {1, 2, 3}, new double[] {.5, .6, .7});
        Plots.addLine(c, "batch 64", new double[] {1, 4}, new double[] {.4, .8});
        assertEquals(2, c.getSeriesMap().size());
        assertEquals(4.0, c.getSeriesMap().get("batch 64").getXData()[1], 0);
        assertEquals(Plots.WIDTH, Plots.image(c).getWidth());
    }

    @Test
    void ranges_zoomTheAxes() {
        XYChart c = Plots.yRange(Plots.xRange(Plots.line("l", "x", "y", new double[] {5, 1, 3}), 0, 1), 0.5, 2);
        assertEquals(0.0, c.getStyler().getXAxisMin(), 0);
        assertEquals(2.0, c.getStyler().getYAxisMax(), 0);
        assertThrows(IllegalArgumentException.class, () -> Plots.yRange(c, 2, 1));
        assertTrue(Plots.logX(Plots.line("l", "x", "y", new double[] {1, 2}, new double[] {1, 2}))
                .getStyler()
                .isXAxisLogarithmic());
    }

    @Test
    void bar_hasOneBarPerCategory() {
        org.knowm.xchart.CategoryChart c = Plots.bar(
                "Peak memory", "optimizer", "MB", new String[] {"SGD", "Momentum", "Adam"}, new double[] {800, 900, 1200
                });
        assertEquals(3, c.getSeriesMap().get("MB").getXData().size());
        assertEquals(Plots.HEIGHT, Plots.image(c).getHeight());
    }
}
