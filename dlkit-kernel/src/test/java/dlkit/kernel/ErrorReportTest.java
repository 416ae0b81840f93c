package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dlkit.kernel.exec.JavaRepl;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

    @Test
    void tracesPointAtNotebookCellsAndLines() throws Exception {
        JavaRepl repl = new JavaRepl(List.of());
        try {
            repl.eval("int divide(int a, int b) {\n    return a / b;\n}", 1);
            Exception e = assertThrows(Exception.class, () -> repl.eval("int x = 1;\nint y = divide(x, 0);", 2));
            ErrorReport r = ErrorReport.of(e, repl.locations());
            assertEquals("java.lang.ArithmeticException", r.ename());
            assertEquals("/ by zero", r.evalue());
            assertEquals(
                    List.of("    at divide (cell [1], line 2)", "    at cell [2], line 2"),
                    r.traceback().subList(1, 3));
        } finally {
            repl.close();
        }
    }
}
