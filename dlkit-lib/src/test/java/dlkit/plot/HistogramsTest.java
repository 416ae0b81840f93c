package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class HistogramsTest {

    @Test
    void countsUseEqualBins_theLastOneClosed() {
        double[] values = {0, 0.1, 0.5, 0.99, 1.0, 2.0, Double.NaN};
        double[] edges = Histograms.edges(List.of(values), 4);
        assertArrayEquals(new double[] {0, 0.5, 1.0, 1.5, 2.0}, edges, 1e-12);
        assertArrayEquals(new long[] {2, 2, 1, 1}, Histograms.counts(values, edges));
    }

    @Test
    void sharedBins_spanAllSeries() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("L1", new double[] {0, 0, 0, 1});
        s.put("L2", new double[] {-1, 0.5});
        XYChart c = Histograms.overlay("w", "weight", s, 4);
        assertEquals(2, c.getSeriesMap().size());
        double[] y = c.getSeriesMap().get("L1").getYData();
        assertArrayEquals(new double[] {0, 0, 3, 1, 1}, y);
        assertEquals(-1.0, c.getSeriesMap().get("L2").getXData()[0]);
    }

    @Test
    void perLayer_makesOnePanelPerLayer() {
        Map<String, double[]> a = new LinkedHashMap<>();
        a.put("CONV1", new double[] {1, 2});
        a.put("FC1", new double[] {3});
        Map<String, double[]> b = new LinkedHashMap<>(a);
        Figure f = Histograms.perLayer("L1 vs L2", Map.of("L1", a), 5);
        assertEquals(2, f.panels().size());
        Map<String, Map<String, double[]>> runs = new LinkedHashMap<>();
        runs.put("L1", a);
        b.remove("FC1");
        runs.put("L2", b);
        assertThrows(IllegalArgumentException.class, () -> Histograms.perLayer("x", runs, 5));
        assertThrows(IllegalArgumentException.class, () -> Histograms.of("x", "w", new double[] {1}, 0));
    }
}
