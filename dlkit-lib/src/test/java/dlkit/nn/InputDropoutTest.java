package dlkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InputDropoutTest {

    @ParameterizedTest(name = "p = {0}: about p of the inputs are zeroed, the rest scaled by 1/(1-p)")
    @ValueSource(doubles = {0.25, 0.5, 0.75})
    void dl4jDropout_dropsWithProbabilityP_andScalesKeptInputs(double p) {
        Seeds.set(7);
        IDropout d = InputDropout.of(p).toDl4j();
        INDArray x = Nd4j.ones(DataType.FLOAT, 200, 100);
        INDArray out = d.applyDropout(
                x, Nd4j.createUninitialized(DataType.FLOAT, 200, 100), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        double zeroed = out.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(p, zeroed, 0.015, "fraction zeroed");
        assertEquals(1.0, out.meanNumber().doubleValue(), 0.03, "mean preserved");
        double kept = out.maxNumber().doubleValue();
        assertEquals(1 / (1 - p), kept, 1e-6, "kept inputs scaled by 1/(1-p)");
        assertEquals(kept, out.getDouble(out.argMax().getInt(0)), 0);
    }

    @Test
    @DisplayName("DL4J's parameter is the retain probability: p = 0.75 becomes 0.25")
    void retainProbability_isOneMinusP() {
        assertEquals(0.25, InputDropout.of(0.75).retainProbability(), 0);
        assertEquals(
                0.25,
                ((org.deeplearning4j.nn.conf.dropout.Dropout)
                                InputDropout.of(0.75).toDl4j())
                        .getP(),
                0);
    }

    @Test
    void zeroRate_meansNoDropoutAtAll() {
        assertNull(InputDropout.of(0).toDl4j());
    }

    @Test
    void rateOutsideZeroToOne_isRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputDropout.of(1.0));
        assertTrue(e.getMessage().contains("DROPPING"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InputDropout.of(-0.1));
    }

    @Test
    @DisplayName("in evaluation the network sees its inputs unchanged (exactly x·W)")
    void network_inEvaluation_isIdentityOnInputs() {
        MultiLayerNetwork net = Sequential.of(
                        InputDropout.of(0.5), Linear.noBias(2, 1).zeroInit())
                .mse();
        net.setParam("0_W", Nd4j.createFromArray(new float[][] {{0.5f}, {2f}}));
        INDArray x = Nd4j.createFromArray(new float[][] {{10, 1}, {4, 3}});
        INDArray out = net.output(x, false);
        assertEquals(7.0, out.getDouble(0, 0), 0);
        assertEquals(8.0, out.getDouble(1, 0), 0);
    }

    @Test
    @DisplayName("in training the network's output keeps its mean (inverted dropout)")
    void network_inTraining_preservesMeanOutput() {
        Seeds.set(3);
        MultiLayerNetwork net = Sequential.of(
                        InputDropout.of(0.5), Linear.noBias(2, 1).zeroInit())
                .mse();
        net.setParam("0_W", Nd4j.createFromArray(new float[][] {{1f}, {1f}}));
        INDArray x = Nd4j.createFromArray(new float[][] {{10, 1}}).repeat(0, 20000);
        INDArray out = net.output(x, true);
        assertEquals(11.0, out.meanNumber().doubleValue(), 0.2);
        // each row is one of the four masked inputs: 0, 2, 20 or 22
        INDArray rounded =
                out.sub(out.div(2).castTo(DataType.INT32).castTo(DataType.FLOAT).mul(2));
        assertEquals(0.0, rounded.maxNumber().doubleValue(), 1e-5);
        assertEquals(22.0, out.maxNumber().doubleValue(), 1e-5);
    }

    @Test
    void apply_inTraining_matchesTheDefinition_andIsIdentityInEvaluation() {
        Seeds.set(11);
        InputDropout d = InputDropout.of(0.5);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 100, 100);
        INDArray y = d.apply(x, true);
        assertEquals(0.5, y.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue(), 0.03);
        assertEquals(2.0, y.maxNumber().doubleValue(), 0);
        assertTrue(d.apply(x, false) == x);
    }
}
