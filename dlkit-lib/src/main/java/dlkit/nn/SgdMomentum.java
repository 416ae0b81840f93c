package dlkit.nn;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * PyTorch's {@code optim.SGD(params, lr, momentum)} as a DL4J updater (DL4J itself only ships Nesterov momentum):
 * {@code v ← μ·v + g;  θ ← θ − lr·v}, with {@code v} starting at zero (so the first step is plain SGD).
 *
 * <pre>{@code
 * new NeuralNetConfiguration.Builder().updater(new SgdMomentum(1e-2, 0.9))...
 * }</pre>
 * PyTorch's {@code weight_decay} is DL4J's {@code .l2(wd)} plus {@code .l2Bias(wd)} (added to the gradient before
 * the updater, as in PyTorch).
 */
public final class SgdMomentum implements IUpdater {

    private static final long serialVersionUID = 1L;

    private double learningRate;
    private final double momentum;

    public SgdMomentum(@JsonProperty("learningRate") double learningRate, @JsonProperty("momentum") double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public double getMomentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater<SgdMomentum> instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray == null ? null : viewArray.shape(), 'c', initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater<SgdMomentum> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public IUpdater clone() {
        return new SgdMomentum(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("SgdMomentum has no learning-rate schedule");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SgdMomentum s && s.learningRate == learningRate && s.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "SgdMomentum(lr=" + learningRate + ", momentum=" + momentum + ")";
    }

    /** The state (velocity) and the update rule. */
    private static final class Updater implements GradientUpdater<SgdMomentum> {
        private final SgdMomentum config;
        private INDArray velocity;

        Updater(SgdMomentum config) {
            this.config = config;
        }

        @Override
        public SgdMomentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            velocity = state == null ? null : state.get("V");
            if (initialize && velocity != null) {
                velocity.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return velocity == null ? Map.of() : Map.of("V", velocity);
        }

        @Override
        public void setStateViewArray(
                INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            velocity = viewArray.reshape(gradientOrder, gradientShape);
        }

        /** Turns the gradient into the step DL4J subtracts: {@code lr·v}. */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            velocity.muli(config.momentum).addi(gradient);
            gradient.assign(velocity).muli(config.learningRate);
        }
    }
}
