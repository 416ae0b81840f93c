package dlkit.nn;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimizers of the homeworks, with PyTorch's defaults: {@code SGD} is plain gradient descent (no momentum, no
 * weight decay), {@code ADAM} uses β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 */
public enum Optimizer {
    SGD("SGD") {
        @Override
        public IUpdater updater(double lr) {
            return new Sgd(lr);
        }
    },
    ADAM("Adam") {
        @Override
        public IUpdater updater(double lr) {
            return new Adam(lr, 0.9, 0.999, 1e-8);
        }
    };

    private final String displayName;

    Optimizer(String displayName) {
        this.displayName = displayName;
    }

    /** The DL4J updater for this optimizer at learning rate {@code lr}. */
    public abstract IUpdater updater(double lr);

    /** The name PyTorch prints ({@code optim_class.__name__}): "SGD", "Adam". */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
