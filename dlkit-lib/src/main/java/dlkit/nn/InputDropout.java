package dlkit.nn;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dropout with PyTorch's meaning of {@code p}: in training each input is zeroed with probability {@code p} and the
 * kept ones are scaled by {@code 1/(1−p)}; in evaluation the input passes unchanged.
 *
 * <p>DL4J's {@code .dropOut(x)} and {@code new Dropout(x)} take the <em>retain</em> probability instead, so
 * PyTorch's {@code nn.Dropout(0.75)} is DL4J's {@code dropOut(0.25)}. This class does the conversion in one place:
 * <pre>{@code
 * new DenseLayer.Builder().nIn(2).nOut(1).dropOut(InputDropout.of(0.75).toDl4j())   // drops 75 %
 * Sequential.of(InputDropout.of(0.5), Linear.noBias(2, 1).zeroInit()).mse()         // the homework's model
 * }</pre>
 * DL4J applies a layer's dropout to that layer's <em>input</em>, which is where the homework's
 * {@code Sequential(Dropout(p), Linear(...))} puts it.
 */
public final class InputDropout {

    private final double p;

    private InputDropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability p must be in [0, 1), got " + p
                    + " (p is the probability of DROPPING an input, as in PyTorch)");
        }
        this.p = p;
    }

    /** Dropout that drops each input with probability {@code p} (PyTorch's convention). */
    public static InputDropout of(double p) {
        return new InputDropout(p);
    }

    /** The probability of dropping an input. */
    public double p() {
        return p;
    }

    /** DL4J's parameter: the probability of keeping an input, {@code 1 − p}. */
    public double retainProbability() {
        return 1 - p;
    }

    /** The DL4J dropout for a layer's {@code .dropOut(...)}; {@code null} (no dropout at all) when p = 0. */
    public IDropout toDl4j() {
        return p == 0 ? null : new Dropout(1 - p);
    }

    /**
     * The operation itself on an array, for checking and teaching: in training a fresh mask from ND4J's random
     * generator, {@code x · mask / (1 − p)}; in evaluation {@code x} itself.
     */
    public INDArray apply(INDArray x, boolean training) {
        if (!training || p == 0) {
            return x;
        }
        INDArray keep = Nd4j.rand(x.dataType(), x.shape()).gt(p).castTo(x.dataType());
        return x.mul(keep).divi(1 - p);
    }

    @Override
    public String toString() {
        return "InputDropout(p=" + p + ")";
    }
}
