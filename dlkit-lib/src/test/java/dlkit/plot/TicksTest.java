package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tick chooser: 1-2-5 steps, round ends, one format per axis")
class TicksTest {

    private static String joined(Ticks.Axis a) {
        return String.join(" ", a.labels());
    }

    @Test
    void thousandIterationsGetSteps200() {
        Ticks.Axis a = Ticks.linear(0, 999, 9, true);
        assertEquals("0 200 400 600 800 1000", joined(a));
        assertEquals(0, a.lo(), 0);
        assertEquals(1000, a.hi(), 0);
    }

    @Test
    void dropoutRatesGetTenthsWithLeadingZeros() {
        assertEquals("0.0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9", joined(Ticks.linear(0, 0.9, 9, false)));
        assertEquals("0.0 0.2 0.4 0.6 0.8 1.0", joined(Ticks.linear(0, 0.95, 6, false)));
    }

    @Test
    void smallLossesKeepTheirLeadingZero() {
        assertEquals(
                "0.001 0.002 0.003 0.004 0.005 0.006 0.007 0.008 0.009",
                joined(Ticks.linear(0.0012, 0.0087, 8, false)));
        assertEquals("0.000 0.002 0.004 0.006 0.008 0.010", joined(Ticks.linear(0.0012, 0.0087, 5, false)));
    }

    @Test
    void epochAxesStepByWholeNumbers() {
        assertEquals("0 2 4 6 8 10", joined(Ticks.linear(1, 10, 8, true)));
        assertEquals("0 1 2", joined(Ticks.linear(1, 2, 8, true)));
        assertEquals("0 5 10 15 20", joined(Ticks.linear(1, 20, 8, true)));
        // a single epoch still gets an axis of whole numbers around it
        assertEquals("0 1 2", joined(Ticks.linear(1, 1, 8, true)));
    }

    @Test
    void negativeRanges() {
        assertEquals("-3 -2 -1 0 1 2", joined(Ticks.linear(-2.7, 1.6, 8, false)));
        assertEquals("-0.10 -0.05 0.00 0.05 0.10", joined(Ticks.linear(-0.1, 0.1, 5, false)));
        assertEquals("-1000 -800 -600 -400 -200 0", joined(Ticks.linear(-1000, -1, 8, false)));
    }

    @Test
    void onePointIsWidenedAroundIt() {
        Ticks.Axis a = Ticks.linear(20.05, 20.05, 8, false);
        assertTrue(a.lo() < 20.05 && a.hi() > 20.05, a.toString());
        assertTrue(a.intervals() >= 2 && a.intervals() <= 8, a.toString());
        Ticks.Axis zero = Ticks.linear(0, 0, 8, false);
        assertTrue(zero.lo() < 0 && zero.hi() > 0, zero.toString());
    }

    @Test
    void scientificOnlyFrom1e4OrBelow1e_4() {
        assertEquals("0 2000 4000 6000 8000", joined(Ticks.linear(0, 8000, 5, true)));
        assertEquals("0 1E4 2E4 3E4 4E4 5E4 6E4 7E4", joined(Ticks.linear(0, 64000, 8, true)));
        assertEquals("0.0000 0.0002 0.0004 0.0006", joined(Ticks.linear(0, 0.0006, 4, false)));
        // one exponent for the axis (matplotlib's offset "1e-5" written on each label)
        assertEquals("0 0.2E-5 0.4E-5 0.6E-5 0.8E-5 1.0E-5", joined(Ticks.linear(0, 1e-5, 8, false)));
        assertEquals("0 0.2E6 0.4E6 0.6E6 0.8E6 1.0E6", joined(Ticks.linear(0, 1e6, 8, false)));
    }

    @Test
    void everyRangeFrom1e_6To1e6GetsFewRoundTicks() {
        for (int e = -6; e <= 6; e++) {
            for (double m : new double[] {1, 1.7, 3.3, 7.9}) {
                double hi = m * Math.pow(10, e);
                for (double lo : new double[] {0, hi * 0.31, -hi}) {
                    Ticks.Axis a = Ticks.linear(lo, hi, 8, false);
                    String what = lo + ".." + hi + " -> " + a;
                    assertTrue(a.intervals() >= 2 && a.intervals() <= 8, what);
                    assertTrue(a.lo() <= lo && a.hi() >= hi, "the axis covers the data: " + what);
                    double mantissa = a.step() / Math.pow(10, Math.floor(Math.log10(a.step()) + 1e-9));
                    assertTrue(
                            Math.abs(mantissa - 1) < 1e-9
                                    || Math.abs(mantissa - 2) < 1e-9
                                    || Math.abs(mantissa - 5) < 1e-9,
                            "1-2-5 step: " + what);
                    assertEquals(a.values()[0], a.lo(), a.step() * 1e-9, "starts on a tick: " + what);
                    assertEquals(a.values()[a.values().length - 1], a.hi(), a.step() * 1e-9, "ends on a tick: " + what);
                    assertEquals(
                            a.values().length,
                            new HashSet<>(Arrays.asList(a.labels())).size(),
                            "labels differ: " + what);
                    for (String l : a.labels()) {
                        assertTrue(!l.startsWith(".") && !l.startsWith("-."), "leading zero: " + what);
                    }
                    assertOneFormat(a, what);
                }
            }
        }
    }

    /** The same number of decimals (and the same exponent) on every label of an axis. */
    private static void assertOneFormat(Ticks.Axis a, String what) {
        java.util.Set<String> shapes = new HashSet<>();
        for (String l : a.labels()) {
            if (l.equals("0")) {
                continue;
            }
            String mant = l.contains("E") ? l.substring(0, l.indexOf('E')) : l;
            String exp = l.contains("E") ? l.substring(l.indexOf('E')) : "";
            int dot = mant.indexOf('.');
            shapes.add((dot < 0 ? 0 : mant.length() - dot - 1) + exp.replaceAll("E-?\\d+", "E"));
        }
        assertTrue(shapes.size() <= 1, "one format: " + what + " " + shapes);
    }

    @Test
    void thousandsOfPointsOrAFewGiveTheSameAxis() {
        // the chooser looks at the range only: 1,000+ points cost nothing and change nothing
        double[] many = new double[5000];
        for (int i = 0; i < many.length; i++) {
            many[i] = Math.sin(i * 0.01) * 3;
        }
        double lo = Arrays.stream(many).min().getAsDouble();
        double hi = Arrays.stream(many).max().getAsDouble();
        assertEquals("-3 -2 -1 0 1 2 3", joined(Ticks.linear(lo, hi, 8, false)));
        assertEquals("0 1000 2000 3000 4000 5000", joined(Ticks.linear(0, 4999, 8, true)));
    }

    @Test
    void fixedEndsStayAndTicksFallInside() {
        // a histogram's counts start at 0 (set by the chart), the top is rounded out
        Ticks.Axis counts = Ticks.linear(0, 137, 8, true, true, false);
        assertEquals("0 20 40 60 80 100 120 140", joined(counts));
        // a zoom the user set: both ends fixed, ticks inside
        Ticks.Axis zoom = Ticks.linear(0.05, 3.97, 8, false, true, true);
        assertEquals(0.05, zoom.lo(), 0);
        assertEquals(3.97, zoom.hi(), 0);
        assertEquals("0.5 1.0 1.5 2.0 2.5 3.0 3.5", joined(zoom));
    }

    @Test
    void logAxesLabelDecades() {
        Ticks.Axis lr = Ticks.log(0.001, 1);
        assertEquals("0.001 0.01 0.1 1", joined(lr));
        assertArrayEquals(new double[] {0.001, 0.01, 0.1, 1}, lr.values(), 1e-15);
        assertEquals("0.###", Ticks.logPattern(lr));
        assertEquals("1E-6 1E-5 1E-4 1E-3 1E-2 1E-1 1E0 1E1 1E2 1E3 1E4 1E5 1E6", joined(Ticks.log(1e-6, 1e6)));
        assertEquals("0E0", Ticks.logPattern(Ticks.log(1e-6, 1e6)));
        assertEquals("1 10", joined(Ticks.log(2, 8)));
        assertThrows(IllegalArgumentException.class, () -> Ticks.log(0, 1));
    }

    @Test
    void formatWritesXChartsOwnTicksTheSameWay() {
        Ticks.Axis a = Ticks.linear(0, 0.9, 9, false);
        assertEquals("0.5", a.format().format(0.5000000000000001));
        assertEquals("0.0", a.format().format(-0.0));
        assertThrows(IllegalArgumentException.class, () -> Ticks.linear(0, Double.NaN, 8, false));
    }
}
