package dlkit.nn;

import java.util.Locale;

/**
 * A learning rate per epoch (epochs counted from 0), for {@link Trainer.Builder#schedule}.
 * <pre>{@code
 * LrSchedule.step(0.01, 0.9, 5)                      // the lab's DECAY = 0.9 every DECAY_EPOCHS = 5 epochs
 * LrSchedule.constant(0.01)                          // no decay
 * LrSchedule s = epoch -> 0.1 / (1 + epoch);         // any rule, as a lambda
 * s.values(10)                                       // the first 10 learning rates
 * }</pre>
 */
@FunctionalInterface
public interface LrSchedule {

    /** The learning rate of epoch {@code epoch} (0-based). */
    double lr(int epoch);

    /** The same learning rate in every epoch. */
    static LrSchedule constant(double lr) {
        return epoch -> lr;
    }

    /**
     * Step decay: {@code initial · decay^⌊epoch / everyEpochs⌋}. The lab's loop multiplies the rate by
     * {@code DECAY} at every epoch {@code i > 0} with {@code i % DECAY_EPOCHS == 0}, which is the same thing.
     */
    static LrSchedule step(double initial, double decay, int everyEpochs) {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("everyEpochs must be >= 1, got " + everyEpochs);
        }
        return epoch -> initial * Math.pow(decay, epoch / everyEpochs);
    }

    /** The learning rates of epochs {@code 0..epochs-1}. */
    default double[] values(int epochs) {
        double[] v = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            v[e] = lr(e);
        }
        return v;
    }

    /** {@code 0.0100, 0.0100, 0.0090, ...}: the first {@code epochs} rates, for printing. */
    default String describe(int epochs) {
        StringBuilder s = new StringBuilder();
        for (int e = 0; e < epochs; e++) {
            s.append(e == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", lr(e)));
        }
        return s.toString();
    }
}
