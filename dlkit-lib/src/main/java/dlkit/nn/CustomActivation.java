package dlkit.nn;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An activation function written as two element-wise functions on ND4J arrays, its value and its derivative,
 * usable in any DL4J layer ({@code .activation(act)}): what PyTorch gets from autograd, DL4J needs spelled out.
 * <pre>{@code
 * IActivation swish = CustomActivation.of("Swish",
 *         x -> x.mul(Transforms.sigmoid(x, true)),                       // f(x) = x·σ(x)
 *         x -> { INDArray s = Transforms.sigmoid(x, true);               // f'(x) = σ + x·σ·(1 − σ)
 *                return s.add(x.mul(s).mul(s.rsub(1))); });
 * CustomActivation.maxGradientError(swish)   // compares f' with finite differences of f
 * SimpleNN.builder().activation(swish).build()
 * }</pre>
 * The functions may return new arrays or work in place; their results are copied into DL4J's buffers. Works in a
 * notebook (JShell) as in plain Java; a network using one cannot be saved as JSON (the functions are code).
 */
public final class CustomActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient UnaryOperator<INDArray> function;
    private final transient UnaryOperator<INDArray> derivative;

    private CustomActivation(String name, UnaryOperator<INDArray> function, UnaryOperator<INDArray> derivative) {
        this.name = Objects.requireNonNull(name, "name");
        this.function = Objects.requireNonNull(function, "function");
        this.derivative = Objects.requireNonNull(derivative, "derivative");
    }

    /** An activation {@code f} with derivative {@code df}, both element-wise. */
    public static CustomActivation of(String name, UnaryOperator<INDArray> f, UnaryOperator<INDArray> df) {
        return new CustomActivation(name, f, df);
    }

    /** {@code f(x)}, written into {@code in} (DL4J's convention) and returned. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray out = function.apply(in.dup());
        checkShape(in, out, "function");
        return in.assign(out);
    }

    /** {@code dL/dz = epsilon · f'(z)}, written into {@code in}; no parameters. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray grad = derivative.apply(in.dup());
        checkShape(in, grad, "derivative");
        in.assign(grad.mul(epsilon));
        return new Pair<>(in, null);
    }

    public String name() {
        return name;
    }

    /**
     * The largest difference between {@code f'} and central finite differences of {@code f}
     * ({@code (f(x+h) − f(x−h)) / 2h}, in double precision, {@code h = 1e-4}) at 201 points in [−5, 5]: a
     * quick check that a hand-written derivative is right (expect about 1e-8).
     */
    public static double maxGradientError(IActivation act) {
        INDArray x = Nd4j.linspace(-5, 5, 201, DataType.DOUBLE).reshape(1, 201);
        double h = 1e-4;
        INDArray plus = act.getActivation(x.add(h), false);
        INDArray minus = act.getActivation(x.sub(h), false);
        INDArray numeric = plus.sub(minus).divi(2 * h);
        INDArray analytic = act.backprop(x.dup(), Nd4j.onesLike(x)).getFirst();
        return org.nd4j.linalg.ops.transforms.Transforms.abs(numeric.sub(analytic), false)
                .maxNumber()
                .doubleValue();
    }

    private static void checkShape(INDArray in, INDArray out, String what) {
        if (!Arrays.equals(in.shape(), out.shape())) {
            throw new IllegalStateException("the activation's " + what + " must keep the shape "
                    + Arrays.toString(in.shape()) + ", it returned " + Arrays.toString(out.shape()));
        }
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomActivation c
                && c.name.equals(name)
                && c.function == function
                && c.derivative == derivative;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
