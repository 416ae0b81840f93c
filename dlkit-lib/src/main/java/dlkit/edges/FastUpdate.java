package dlkit.edges;

import dlkit.nn.AdamUpdate;
import dlkit.nn.SgdMomentum;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimizers {@link EdgeFastPath} runs itself, with DL4J's exact update rules, on one float parameter array:
 * {@link SgdMomentum} (PyTorch's SGD with momentum), DL4J's plain {@link Sgd} and DL4J's {@link Adam}. State starts
 * at zero, like a fresh optimizer. {@link #of} answers null for anything else (schedules included), and the caller
 * then trains with DL4J.
 *
 * <pre>{@code
 * FastUpdate u = FastUpdate.of(new SgdMomentum(1e-2, 0.9), w.length);
 * u.apply(w, dW, iteration);          // w -= lr * v, v = 0.9 v + dW
 * }</pre>
 */
abstract class FastUpdate {

    static boolean supports(IUpdater u) {
        return u instanceof SgdMomentum
                || (u instanceof Sgd s && s.getLearningRateSchedule() == null)
                || (u instanceof Adam a && a.getLearningRateSchedule() == null);
    }

    static FastUpdate of(IUpdater u, int size) {
        if (u instanceof SgdMomentum m) {
            return new Momentum(m.getLearningRate(), m.getMomentum(), size);
        }
        if (u instanceof Sgd s && s.getLearningRateSchedule() == null) {
            return new Momentum(s.getLearningRate(), 0, size);
        }
        if (u instanceof Adam a && a.getLearningRateSchedule() == null) {
            return new AdamRule(a, size);
        }
        return null;
    }

    /** One step on {@code param} from {@code grad}; {@code iteration} counts from 0 (DL4J's iteration count). */
    abstract void apply(float[] param, float[] grad, int iteration);

    /** {@code v ← μ·v + g; θ ← θ − lr·v} (μ = 0: plain SGD). */
    private static final class Momentum extends FastUpdate {
        private final float lr;
        private final float mu;
        private final float[] v;

        Momentum(double lr, double mu, int size) {
            this.lr = (float) lr;
            this.mu = (float) mu;
            this.v = new float[size];
        }

        @Override
        void apply(float[] param, float[] grad, int iteration) {
            for (int i = 0; i < param.length; i++) {
                v[i] = mu * v[i] + grad[i];
                param[i] -= lr * v[i];
            }
        }
    }

    /** DL4J's Adam ({@link AdamUpdate}) in float, t = iteration + 1. */
    private static final class AdamRule extends FastUpdate {
        private final Adam config;
        private final float[] m;
        private final float[] v;

        AdamRule(Adam config, int size) {
            this.config = config;
            this.m = new float[size];
            this.v = new float[size];
        }

        @Override
        void apply(float[] param, float[] grad, int iteration) {
            AdamUpdate.apply(param, grad, m, v, AdamUpdate.stepSize(config, iteration + 1), config);
        }
    }
}
