package dlkit.nn;

import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's Adam rule ({@code AdamUpdater}) for the plain-Java fast paths ({@link LinearFastPath}, the EdgeDetection
 * networks' {@code FastUpdate}), so the rule is written once:
 * {@code m ← β₁·m + (1−β₁)·g, v ← β₂·v + (1−β₂)·g², θ ← θ − α_t·m / (√v + ε)} with
 * {@code α_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)}, t counted from 1. The state ({@code m}, {@code v}) and the step count belong
 * to the caller.
 *
 * <pre>{@code
 * double alpha = AdamUpdate.stepSize(adam, t);
 * AdamUpdate.apply(w, gradW, m, v, alpha, adam);
 * }</pre>
 * The double and float versions keep the order of operations of the code they replaced (the float one that of
 * ND4J's float kernel), so every fast path gives the same numbers as before, bit for bit.
 */
public final class AdamUpdate {

    private AdamUpdate() {}

    /** {@code α_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)} for step {@code t} (1-based). */
    public static double stepSize(Adam config, int t) {
        return config.getLearningRate()
                * Math.sqrt(1 - Math.pow(config.getBeta2(), t))
                / (1 - Math.pow(config.getBeta1(), t));
    }

    /** One step on {@code p} from {@code g} in double precision, with step size {@code alpha}. */
    public static void apply(double[] p, double[] g, double[] m, double[] v, double alpha, Adam config) {
        double beta1 = config.getBeta1();
        double beta2 = config.getBeta2();
        double eps = config.getEpsilon();
        for (int i = 0; i < p.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            p[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }

    /** One step on {@code p} from {@code g} in float precision (as ND4J computes it), with step size {@code alpha}. */
    public static void apply(float[] p, float[] g, float[] m, float[] v, double alpha, Adam config) {
        float a = (float) alpha;
        float eps = (float) config.getEpsilon();
        float fb1 = (float) config.getBeta1();
        float fb2 = (float) config.getBeta2();
        for (int i = 0; i < p.length; i++) {
            float gi = g[i];
            m[i] = fb1 * m[i] + gi * (1 - fb1);
            v[i] = fb2 * v[i] + gi * gi * (1 - fb2);
            p[i] -= m[i] * a / ((float) Math.sqrt(v[i]) + eps);
        }
    }
}
