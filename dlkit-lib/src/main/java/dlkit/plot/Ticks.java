package dlkit.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Tick marks a reader can use, chosen the way matplotlib's default locator and formatter choose them: steps of
 * 1, 2 or 5 times a power of ten, at most a given number of intervals, an axis that starts and ends on a tick,
 * and one number format for every label of an axis (the same decimals, leading zeros, scientific notation only
 * below 1E-4 or from 1E4 on).
 *
 * <pre>{@code
 * Ticks.linear(0, 999, 9, true)      // 0 200 400 600 800 1000 (lo 0, hi 1000, step 200)
 * Ticks.linear(0, 0.9, 9, false)     // 0.0 0.1 ... 0.9
 * Ticks.log(0.001, 1)                // 0.001 0.01 0.1 1
 * }</pre>
 */
public final class Ticks {

    /**
     * An axis: it runs from {@code lo} to {@code hi}; ticks at {@code values}, {@code step} apart (on a log axis
     * the step is a factor, 10), written as {@code labels}.
     */
    public record Axis(double lo, double hi, double step, double[] values, String[] labels, Format format) {

        public int intervals() {
            return values.length - 1;
        }

        @Override
        public String toString() {
            return "Axis[" + lo + ".." + hi + " step " + step + ": " + String.join(" ", labels) + "]";
        }
    }

    private static final int[] MANTISSAS = {1, 2, 5};

    private Ticks() {}

    /**
     * Ticks for data from {@code min} to {@code max}: the smallest 1-2-5 step that needs at most
     * {@code maxIntervals} intervals (at least 2) from the step multiple at or below {@code min} to the one at or
     * above {@code max}; the axis runs between those two. {@code integers}: the data are whole numbers (epochs,
     * iterations), so no step below 1. One value is widened to a range around it.
     */
    public static Axis linear(double min, double max, int maxIntervals, boolean integers) {
        return choose(min, max, maxIntervals, integers, false, false);
    }

    /**
     * Ticks on an axis whose ends are fixed ({@code lockLo}/{@code lockHi}: set by the user, e.g. counts from 0):
     * the fixed end stays where it is, a free end is rounded out to a tick as in {@link #linear}.
     */
    public static Axis linear(
            double min, double max, int maxIntervals, boolean integers, boolean lockLo, boolean lockHi) {
        return choose(min, max, maxIntervals, integers, lockLo, lockHi);
    }

    private static Axis choose(
            double min, double max, int maxIntervals, boolean integers, boolean lockLo, boolean lockHi) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("axis range must be finite, got " + min + " .. " + max);
        }
        if (min > max) {
            double t = min;
            min = max;
            max = t;
        }
        if (min == max) {
            double half = integers ? 1 : (min == 0 ? 1 : Math.abs(min) * 0.1);
            if (!lockLo) {
                min -= half;
            }
            if (!lockHi) {
                max += half;
            }
            if (min == max) {
                max = min + 1;
            }
        }
        int cap = Math.max(2, maxIntervals);
        double span = max - min;
        int e = (int) Math.floor(Math.log10(span / cap)) - 1;
        for (int guard = 0; guard < 40; guard++, e++) {
            for (int m : MANTISSAS) {
                BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
                double s = step.doubleValue();
                if (integers && s < 1) {
                    continue;
                }
                long k0 = lockLo ? (long) Math.ceil(min / s - 1e-9) : (long) Math.floor(min / s + 1e-9);
                long k1 = lockHi ? (long) Math.floor(max / s + 1e-9) : (long) Math.ceil(max / s - 1e-9);
                if (k1 - k0 > cap) {
                    continue;
                }
                if (k1 - k0 < 2 && !(lockLo && lockHi)) {
                    // two intervals at least: one more step on the free side (downwards only if that stays >= 0
                    // for positive data, as a count or an epoch axis should)
                    if (!lockLo && (k0 > 0 || min < 0 || lockHi)) {
                        k0--;
                    } else if (!lockHi) {
                        k1++;
                    }
                }
                double lo = lockLo ? min : k0 * s;
                double hi = lockHi ? max : k1 * s;
                return axis(lo, hi, step, k0, k1);
            }
        }
        throw new IllegalStateException("no tick step found for " + min + " .. " + max);
    }

    private static Axis axis(double lo, double hi, BigDecimal step, long k0, long k1) {
        int n = (int) (k1 - k0 + 1);
        BigDecimal[] v = new BigDecimal[Math.max(n, 0)];
        double[] values = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = step.multiply(BigDecimal.valueOf(k0 + i));
            values[i] = v[i].doubleValue();
        }
        Format f = Format.of(v, step);
        String[] labels = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            labels[i] = f.format(v[i]);
        }
        return new Axis(clean(lo, step), clean(hi, step), step.doubleValue(), values, labels, f);
    }

    /** k * step computed in doubles can be 0.30000000000000004: snap a value that is a step multiple. */
    private static double clean(double x, BigDecimal step) {
        double k = Math.rint(x / step.doubleValue());
        if (Math.abs(x / step.doubleValue() - k) < 1e-9) {
            return step.multiply(BigDecimal.valueOf((long) k)).doubleValue();
        }
        return x;
    }

    /**
     * Labels for ticks {@code step} apart, all in one format: as many decimals as the step needs; scientific
     * ({@code 2E4}, {@code 5E-6}, one exponent for the whole axis) when the largest tick is 1E4 or more or below
     * 1E-4, as matplotlib's ScalarFormatter switches.
     */
    public static String[] labels(double[] values, double step) {
        BigDecimal[] v = new BigDecimal[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = BigDecimal.valueOf(values[i]);
        }
        return labels(v, new BigDecimal(Double.toString(step)).stripTrailingZeros());
    }

    private static String[] labels(BigDecimal[] v, BigDecimal step) {
        Format f = Format.of(v, step);
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = f.format(v[i]);
        }
        return out;
    }

    /** One axis's number format: {@code decimals} after the point, times 10^{@code exponent} when scientific. */
    public record Format(boolean scientific, int exponent, int decimals) {

        static Format of(BigDecimal[] v, BigDecimal step) {
            double maxAbs = 0;
            for (BigDecimal b : v) {
                maxAbs = Math.max(maxAbs, Math.abs(b.doubleValue()));
            }
            int stepExp = Ticks.exponent(step);
            boolean sci = maxAbs >= 1e4 || (maxAbs > 0 && maxAbs < 1e-4);
            if (!sci) {
                return new Format(false, 0, Math.max(0, -stepExp + digitsAfterLead(step)));
            }
            int exp = (int) Math.floor(Math.log10(maxAbs) + 1e-12);
            return new Format(true, exp, Math.max(0, exp - stepExp + digitsAfterLead(step)));
        }

        /** Any value (a tick XChart placed) in this format. */
        public String format(double value) {
            return Double.isFinite(value) ? format(BigDecimal.valueOf(value)) : String.valueOf(value);
        }

        String format(BigDecimal value) {
            if (!scientific) {
                BigDecimal r = value.setScale(decimals, RoundingMode.HALF_EVEN);
                return r.signum() == 0 ? BigDecimal.ZERO.setScale(decimals).toPlainString() : r.toPlainString();
            }
            BigDecimal mant = value.scaleByPowerOfTen(-exponent).setScale(decimals, RoundingMode.HALF_EVEN);
            return mant.signum() == 0 ? "0" : mant.toPlainString() + "E" + exponent;
        }
    }

    /** Power of ten of a number's leading digit: 200 -> 2, 0.05 -> -2. */
    private static int exponent(BigDecimal x) {
        BigDecimal s = x.abs().stripTrailingZeros();
        return s.precision() - s.scale() - 1;
    }

    /** Significant digits after the leading one (0 for the 1-2-5 steps, 1 for 2.5). */
    private static int digitsAfterLead(BigDecimal x) {
        return Math.max(0, x.abs().stripTrailingZeros().precision() - 1);
    }

    /**
     * Decades covering {@code min..max} (both > 0): the axis runs from the power of ten at or below {@code min} to
     * the one at or above {@code max}; labels plain ({@code 0.001}, {@code 100}) between 1E-4 and 1E4, else
     * {@code 1E-6}.
     */
    public static Axis log(double min, double max) {
        if (!(min > 0) || !(max > 0) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("a log axis needs positive finite values, got " + min + " .. " + max);
        }
        if (min > max) {
            double t = min;
            min = max;
            max = t;
        }
        int k0 = (int) Math.floor(Math.log10(min) + 1e-9);
        int k1 = (int) Math.ceil(Math.log10(max) - 1e-9);
        if (k1 == k0) {
            k1++;
        }
        int n = k1 - k0 + 1;
        double[] values = new double[n];
        String[] labels = new String[n];
        boolean sci = k0 < -4 || k1 >= 4;
        for (int i = 0; i < n; i++) {
            BigDecimal d = BigDecimal.ONE.scaleByPowerOfTen(k0 + i);
            values[i] = d.doubleValue();
            labels[i] = sci ? "1E" + (k0 + i) : d.toPlainString();
        }
        return new Axis(values[0], values[n - 1], 10, values, labels, null);
    }

    /** The {@link java.text.DecimalFormat} pattern that writes a log axis's decade labels as {@link #log} does. */
    static String logPattern(Axis axis) {
        boolean sci = Arrays.stream(axis.labels()).anyMatch(l -> l.contains("E"));
        if (sci) {
            return "0E0";
        }
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(axis.lo()) + 1e-9));
        return decimals == 0 ? "0" : "0." + "#".repeat(decimals);
    }
}
