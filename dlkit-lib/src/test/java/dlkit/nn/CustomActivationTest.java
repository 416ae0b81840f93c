package dlkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

class CustomActivationTest {

    static CustomActivation swish() {
        return CustomActivation.of("Swish", x -> x.mul(Transforms.sigmoid(x, true)), x -> {
            INDArray s = Transforms.sigmoid(x, true);
            return s.add(x.mul(s).mul(s.rsub(1)));
        });
    }

    @Test
    void swish_matchesDl4jsBuiltInSwish_forwardAndBackward() {
        IActivation builtIn = Activation.SWISH.getActivationFunction();
        INDArray x = Nd4j.linspace(-6, 6, 25, DataType.FLOAT).reshape(5, 5);
        INDArray eps = Nd4j.rand(DataType.FLOAT, 5, 5);
        assertArrayEquals(
                builtIn.getActivation(x.dup(), true).data().asFloat(),
                swish().getActivation(x.dup(), true).data().asFloat(),
                1e-6f);
        assertArrayEquals(
                builtIn.backprop(x.dup(), eps.dup()).getFirst().data().asFloat(),
                swish().backprop(x.dup(), eps.dup()).getFirst().data().asFloat(),
                1e-5f);
    }

    @Test
    void gradientCheck_acceptsTheRightDerivative_andCatchesAWrongOne() {
        assertTrue(CustomActivation.maxGradientError(swish()) < 1e-7);
        CustomActivation wrong = CustomActivation.of(
                "bad swish", x -> x.mul(Transforms.sigmoid(x, true)), x -> Transforms.sigmoid(x, true));
        assertTrue(CustomActivation.maxGradientError(wrong) > 0.1);
    }

    @Test
    void aNetworkWithTheCustomActivation_trainsExactlyLikeTheBuiltIn() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32);
        INDArray y = Nd4j.eye(10).castTo(DataType.FLOAT).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8));
        MultiLayerNetwork custom =
                SimpleNN.builder().batchNorm(true).activation(swish()).seed(2).build();
        MultiLayerNetwork builtIn = SimpleNN.builder()
                .batchNorm(true)
                .activation(Activation.SWISH)
                .seed(2)
                .build();
        Trainer t = Trainer.builder()
                .epochs(3)
                .batchSize(4)
                .updater(new Sgd(0.05))
                .seed(0)
                .progress(false)
                .build();
        History hc = t.fit(custom, x, y);
        History hb = t.fit(builtIn, x, y);
        assertArrayEquals(hb.loss(), hc.loss(), 1e-4);
        assertTrue(custom.params().equalsWithEps(builtIn.params(), 1e-4));
    }

    @Test
    void aFunctionThatChangesTheShape_isReported() {
        CustomActivation bad = CustomActivation.of("sum", x -> x.sum(1), x -> x);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> bad.getActivation(Nd4j.ones(2, 3), false));
        assertTrue(e.getMessage().contains("must keep the shape [2, 3]"), e.getMessage());
        assertEquals("sum", bad.toString());
    }
}
