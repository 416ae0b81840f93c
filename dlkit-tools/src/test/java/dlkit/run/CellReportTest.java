package dlkit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellReportTest {
    @Test
    void findsErrorsAndStderrByCell() throws Exception {
        NotebookFile nb = NotebookFile.parse(
                Path.of("x.ipynb"),
                Notebooks.javaNotebook(
                        Notebooks.markdown("# t"),
                        Notebooks.codeWithOutputs(
                                "1", "[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"ok\"}]"),
                        Notebooks.codeWithOutputs(
                                "2", "[{\"output_type\": \"stream\", \"name\": \"stderr\", \"text\": [\"w\"]}]"),
                        Notebooks.codeWithOutputs(
                                "// divide\nint z = 1 / 0;",
                                "[{\"output_type\": \"error\", \"ename\": \"ArithmeticException\", "
                                        + "\"evalue\": \"/ by zero\\nmore\", \"traceback\": []}]")));
        CellReport r = CellReport.of(nb);
        assertEquals(3, r.codeCells());
        assertEquals(List.of(3), r.stderrCells());
        assertEquals(1, r.failures().size());
        assertEquals(
                "cell 4 (int z = 1 / 0;): ArithmeticException: / by zero ...",
                r.failures().get(0).toString());
        assertTrue(!r.ok());
    }

    @Test
    void cleanNotebookIsOk() throws Exception {
        CellReport r =
                CellReport.of(NotebookFile.parse(Path.of("x.ipynb"), Notebooks.javaNotebook(Notebooks.code("1"))));
        assertTrue(r.ok());
        assertTrue(r.stderrCells().isEmpty());
    }
}
