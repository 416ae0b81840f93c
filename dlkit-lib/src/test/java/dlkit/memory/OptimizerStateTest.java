package dlkit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.nn.resnet.ParamCounts;
import dlkit.nn.resnet.ResNet;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.IUpdater;
import tech.tablesaw.api.Table;

class OptimizerStateTest {

    @Test
    void multipliersAre0_1_2() {
        var opts = OptimizerState.originalOptimizers();
        assertEquals(0.0, OptimizerState.multiplier(opts.get("SGD")));
        assertEquals(1.0, OptimizerState.multiplier(opts.get("SGD_WITH_MOMENTUM")));
        assertEquals(2.0, OptimizerState.multiplier(opts.get("ADAM")));
        assertThrows(UnsupportedOperationException.class, () -> OptimizerState.forName("RMSPROP", 1e-3));
    }

    @Test
    void measuredStateOfResNet18MatchesExpected() {
        long trainable = 11_181_642;
        long[] expected = {0, trainable, 2 * trainable};
        int i = 0;
        for (var e : OptimizerState.originalOptimizers().entrySet()) {
            ComputationGraph net =
                    ResNet.resnet18().inputSize(32, 32).updater(e.getValue()).build();
            assertEquals(trainable, ParamCounts.of(net).trainable());
            assertEquals(expected[i], OptimizerState.measured(net), e.getKey());
            assertEquals(expected[i] * 4, OptimizerState.measuredBytes(net), e.getKey());
            net.close();
            i++;
        }
    }

    @Test
    void analyticReportOrdersUpdaterState() {
        long prev = -1;
        for (IUpdater u : OptimizerState.originalOptimizers().values()) {
            ResNet spec = ResNet.resnet18().inputSize(32, 32).updater(u);
            AnalyticMemory m = AnalyticMemory.of(spec, 8);
            assertTrue(m.updaterState() > prev, u.toString());
            assertEquals(OptimizerState.stateSize(u, 11_181_642) * 4, m.updaterState(), u.toString());
            prev = m.updaterState();
        }
    }

    @Test
    void analyticActivationsGrowWithBatch() {
        ResNet spec = ResNet.resnet18().inputSize(32, 32);
        ComputationGraphConfiguration conf = spec.conf();
        AnalyticMemory a4 = AnalyticMemory.of(conf, spec.inputType(), 4);
        AnalyticMemory a64 = AnalyticMemory.of(conf, spec.inputType(), 64);
        assertEquals(a4.parameters(), a64.parameters());
        assertEquals(11_191_242L * 4, a4.parameters());
        assertEquals(16.0, (double) a64.activations() / a4.activations(), 0.01);
        assertTrue(a64.total() > a4.total());
        Table t = AnalyticMemory.table(spec, 4, 16, 64);
        assertEquals(3, t.rowCount());
        assertTrue(t.columnNames().contains("updater state MB"));
    }

    @Test
    void tableHasOneRowPerOptimizer() {
        Table t = OptimizerState.table(58_164_298, OptimizerState.originalOptimizers());
        assertEquals(3, t.rowCount());
        assertEquals(232.7, t.doubleColumn("state MB (fp32)").get(1), 1e-9);
        assertEquals(465.3, t.doubleColumn("state MB (fp32)").get(2), 1e-9);
    }
}
