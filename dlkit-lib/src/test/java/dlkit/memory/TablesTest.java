package dlkit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class TablesTest {

    private static Table part(int batch, double mb) {
        return Table.create(
                "part",
                IntColumn.create("batch size", new int[] {batch}),
                DoubleColumn.create("total MB", new double[] {mb}));
    }

    @Test
    void stackPutsTheRowsUnderTheirKeyInMapOrder() {
        Map<String, Table> parts = new LinkedHashMap<>();
        parts.put("SGD", part(8, 1.5));
        Table adam = part(8, 2.5);
        adam.intColumn(0).append(16);
        adam.doubleColumn(1).append(4.0);
        parts.put("ADAM", adam);
        Table t = Tables.stack("per optimizer", "optimizer", parts);
        assertEquals("per optimizer", t.name());
        assertEquals(List.of("optimizer", "batch size", "total MB"), t.columnNames());
        assertEquals(List.of("SGD", "ADAM", "ADAM"), t.stringColumn("optimizer").asList());
        assertEquals(List.of(8, 8, 16), t.intColumn("batch size").asList());
        assertEquals(List.of(1.5, 2.5, 4.0), t.doubleColumn("total MB").asList());
        assertEquals(2, parts.get("SGD").columnCount(), "the parts are left as they were");
    }

    @Test
    void stackOfNothingOrOfDifferentColumnsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Tables.stack("t", "k", Map.of()));
        Map<String, Table> parts = new LinkedHashMap<>();
        parts.put("a", part(8, 1.5));
        parts.put("b", part(8, 1.5).removeColumns("total MB"));
        assertThrows(IllegalArgumentException.class, () -> Tables.stack("t", "k", parts));
    }

    @Test
    void yesNoTestsEachValue() {
        DoubleColumn mb = DoubleColumn.create("total MB", new double[] {10, 20, 30});
        assertEquals(
                List.of("yes", "yes", "no"),
                Tables.yesNo("fits", mb, v -> v <= 20).asList());
        assertEquals("fits", Tables.yesNo("fits", mb, v -> true).name());
    }
}
