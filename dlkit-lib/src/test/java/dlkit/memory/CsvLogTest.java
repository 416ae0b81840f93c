package dlkit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class CsvLogTest {

    @TempDir
    Path dir;

    @Test
    void formatsAreTheOriginals() {
        assertEquals(List.of("timestamp", "memUsage"), CsvLog.MEMORY_LOG_FMT);
        assertEquals(List.of("timestamp", "epoch", "memUsage", "loss", "accuracy"), CsvLog.TRAIN_LOG_FMT);
    }

    @Test
    void memoryLogRoundTrip() throws Exception {
        Path p = dir.resolve("logs/resnet152__SGD.csv");
        CsvLog.create(p, CsvLog.MEMORY_LOG_FMT).append(1700000000.25, 2172.0);
        assertEquals("timestamp,memUsage\n1700000000.25,2172.0\n", Files.readString(p));
        Table t = CsvLog.read(p);
        assertEquals(List.of("timestamp", "memUsage"), t.columnNames());
        assertEquals(2172.0, t.numberColumn("memUsage").getDouble(0));
    }

    @Test
    void trainLogRoundTrip() throws Exception {
        Path p = dir.resolve("resnet18__64.csv");
        CsvLog log = CsvLog.create(p, CsvLog.TRAIN_LOG_FMT);
        log.append(100.0, 1, 634.0, 2.1, 31.25).append(160.5, 2, 634.0, 1.9, 40.0);
        assertEquals(
                "timestamp,epoch,memUsage,loss,accuracy", Files.readAllLines(p).get(0));
        Table t = CsvLog.read(p);
        assertEquals(2, t.rowCount());
        assertEquals(CsvLog.TRAIN_LOG_FMT, t.columnNames());
        assertEquals(2, t.numberColumn("epoch").getDouble(1));
        assertThrows(IllegalArgumentException.class, () -> log.append(1.0, 2.0));
    }
}
