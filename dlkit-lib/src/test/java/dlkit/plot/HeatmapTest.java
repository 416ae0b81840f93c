package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;

@DisplayName("Heat maps")
class HeatmapTest {

    @Test
    void rowZero_isDrawnAtTheTop() {
        // Only row 0 is "hot": its blue cells must sit in the upper part of the picture.
        double[][] v = {{9, 9}, {0, 0}, {0, 0}};
        HeatMapChart chart = Plots.heatmap("rows", v, new String[] {"r0", "r1", "r2"}, new String[] {"a", "b"});
        assertEquals(List.of("r2", "r1", "r0"), chart.getSeriesMap().get("rows").getYData());
        BufferedImage img = Plots.image(chart);
        int x = img.getWidth() / 3;
        int blueTop = -1;
        int blueBottom = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            int p = img.getRGB(x, y);
            int r = (p >> 16) & 0xFF;
            int b = p & 0xFF;
            if (b - r > 80) {
                blueTop = blueTop < 0 ? y : blueTop;
                blueBottom = y;
            }
        }
        assertTrue(blueTop >= 0, "found the hot cells");
        assertTrue(blueBottom < img.getHeight() / 2, "hot row ends at " + blueBottom + " of " + img.getHeight());
    }

    @Test
    void confusionMatrix_labelsAxes_andShowsCounts() {
        HeatMapChart c = Plots.confusionMatrix("cm", new int[][] {{3, 1}, {0, 4}}, new String[] {"no", "yes"});
        assertEquals("predicted", c.getXAxisTitle());
        assertEquals("true", c.getYAxisTitle());
        assertTrue(c.getStyler().isShowValue());
        assertEquals("#", c.getStyler().getHeatMapValueDecimalPattern());
    }

    @Test
    void labelCountsMustMatch() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Plots.heatmap("x", new double[][] {{1, 2}}, new String[] {"a"}, new String[] {"a"}));
    }
}
