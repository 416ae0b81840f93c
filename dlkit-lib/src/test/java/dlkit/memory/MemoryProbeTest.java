package dlkit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.backend.Backend;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

class MemoryProbeTest {

    @Test
    void cpuReadingsMove() {
        if (MemoryProbe.backend() != Backend.CPU) {
            return;
        }
        MemoryLog log = new MemoryLog();
        MemorySnapshot a = log.mark("before");
        assertTrue(a.rssBytes() > 0);
        assertEquals(-1, a.deviceUsedBytes());
        assertEquals("process RSS", a.primaryName());
        INDArray big = Nd4j.create(DataType.FLOAT, 50_000_000L); // 200 MB off-heap
        big.addi(1);
        MemorySnapshot b = log.mark("after 200 MB array");
        assertTrue(b.primaryBytes() - a.primaryBytes() > 150_000_000L, log.toString());
        assertTrue(b.heapUsedBytes() < b.rssBytes());
        Table t = log.toTable();
        assertEquals(2, t.rowCount());
        assertTrue(t.columnNames().contains("Δ previous MB"));
        assertTrue(log.mimeBundle().containsKey("text/html"));
        big.close();
    }
}
