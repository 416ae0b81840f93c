package dlkit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class MemoryExperimentsTest {

    @TempDir
    Path dir;

    @Test
    void lrMapIsTheLinearScalingRule() {
        assertEquals(1e-4, MemoryExperiments.learningRate(4));
        assertEquals(1.6e-3, MemoryExperiments.learningRate(64));
        assertEquals(6.4e-3, MemoryExperiments.learningRate(1024));
    }

    @Test
    void profileOrdersOptimizers() {
        CifarSample data = CifarSample.synthetic(8, 42);
        List<MemoryExperiments.StepResult> rs = new ArrayList<>();
        for (String opt : List.of("SGD", "SGD_WITH_MOMENTUM", "ADAM")) {
            rs.add(MemoryExperiments.profileMemUsage(opt, 18, 4, 32, data, dir));
        }
        long trainable = 11_181_642;
        assertEquals(0, rs.get(0).held().updaterState());
        assertEquals(trainable * 4, rs.get(1).held().updaterState());
        assertEquals(trainable * 8, rs.get(2).held().updaterState());
        assertTrue(rs.get(0).held().total() < rs.get(1).held().total());
        assertTrue(rs.get(1).held().total() < rs.get(2).held().total());
        Table log = CsvLog.read(rs.get(2).log());
        assertEquals(CsvLog.MEMORY_LOG_FMT, log.columnNames());
        assertEquals(1, log.rowCount());
        assertTrue(rs.get(2).log().getFileName().toString().equals("resnet18__ADAM.csv"));
        assertEquals(3, MemoryExperiments.profileTable(rs).rowCount());
    }

    @Test
    void runTrainLogsEpochsAndCatchesOutOfMemory() {
        CifarSample data = CifarSample.synthetic(32, 42);
        MemoryExperiments.TrainResult ok = MemoryExperiments.runTrain(16, 2, data, 32, dir, 0, 42);
        assertTrue(ok.fits());
        Table t = ok.table();
        assertEquals(2, t.rowCount());
        assertEquals(List.of("timestamp", "epoch", "memUsage", "loss", "accuracy", "walltime"), t.columnNames());
        assertEquals(0.0, t.numberColumn("walltime").getDouble(0));
        // parameters + gradients + one momentum buffer, plus workspaces
        assertTrue(ok.heldBytes() > 3L * 11_181_642 * 4, String.valueOf(ok.heldBytes()));
        MemoryExperiments.TrainResult oom = MemoryExperiments.runTrain(256, 1, data, 32, dir, 100_000_000L, 42);
        assertFalse(oom.fits());
        assertTrue(oom.message().startsWith("OUT OF MEMORY"), oom.message());
        Table mem = MemoryExperiments.memoryTable(List.of(ok, oom));
        assertEquals("out of memory", mem.stringColumn("status").get(1));
        assertTrue(MemoryExperiments.isOutOfMemory(new RuntimeException("x", new OutOfMemoryError("Java heap"))));
        assertFalse(MemoryExperiments.isOutOfMemory(new IllegalStateException("shape mismatch")));
    }
}
