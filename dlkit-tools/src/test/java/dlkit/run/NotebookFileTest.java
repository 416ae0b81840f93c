package dlkit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookFileTest {
    private static final Path P = Path.of("notebooks/x.ipynb");

    private static String failure(String text) {
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookFile.parse(P, text));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(P.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsAValidJavaNotebook() throws Exception {
        NotebookFile nb = NotebookFile.parse(P, Notebooks.javaNotebook(Notebooks.code("int x = 1;")));
        assertEquals("java", nb.language());
        assertEquals(1, nb.cells().size());
        assertEquals("int x = 1;", NotebookFile.source(nb.cells().get(0).getAsJsonObject()));
    }

    @Test
    void malformedJsonNamesTheProblemAndTheFix() {
        String m = failure("{\"nbformat\": 4, \"cells\": [");
        assertTrue(m.contains("not valid JSON"), m);
        assertTrue(m.contains("git checkout"), m);
    }

    @Test
    void trailingGarbageIsMalformed() {
        assertTrue(failure(Notebooks.javaNotebook() + "}").contains("not valid JSON"));
    }

    @Test
    void emptyFileIsMalformed() {
        String m = failure("");
        assertTrue(m.contains("not valid JSON") || m.contains("not a notebook"), m);
    }

    @Test
    void nbformat3IsRejectedWithTheConversionCommand() {
        String m = failure(Notebooks.notebook(3, 0, "java"));
        assertTrue(m.contains("nbformat 3"), m);
        assertTrue(m.contains("jupyter nbconvert --to notebook --nbformat 4"), m);
    }

    @Test
    void aJsonArrayIsNotANotebook() {
        assertTrue(failure("[1, 2]").contains("not a notebook"));
    }

    @Test
    void pythonNotebookIsRejected() {
        String m = failure(Notebooks.notebook(4, 5, "python"));
        assertTrue(m.contains("\"python\", not java"), m);
        assertTrue(m.contains("Java (DLKit)"), m);
    }

    @Test
    void missingKernelspecIsRejected() {
        String m = failure("{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {}, \"cells\": []}");
        assertTrue(m.contains("kernelspec.language is missing"), m);
    }

    @Test
    void languageInfoIsEnoughWithoutKernelspec() throws Exception {
        NotebookFile nb = NotebookFile.parse(
                P,
                "{\"nbformat\": 4, \"nbformat_minor\": 4, "
                        + "\"metadata\": {\"language_info\": {\"name\": \"java\"}}, \"cells\": []}");
        assertEquals("java", nb.language());
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookFile.read(dir.resolve("nope.ipynb")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void sourceAsListOfLinesIsJoined() throws Exception {
        String cell = "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null, "
                + "\"source\": [\"int a = 1;\\n\", \"int b = 2;\"]}";
        NotebookFile nb = NotebookFile.parse(P, Notebooks.javaNotebook(cell));
        assertEquals(
                "int a = 1;\nint b = 2;", NotebookFile.source(nb.cells().get(0).getAsJsonObject()));
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
        NotebookFile nb = NotebookFile.parse(P, Notebooks.javaNotebook(Notebooks.code("String s = \"<é>\";")));
        Path out = dir.resolve("sub/out.ipynb");
        nb.write(out);
        NotebookFile again = NotebookFile.read(out);
        assertEquals(nb.json(), again.json());
        assertTrue(Files.readString(out).contains("<é>"), "no HTML escaping");
    }

    @Test
    void linesKeepTheirNewlines() {
        assertEquals("[\"a\\n\",\"b\\n\",\"c\"]", NotebookFile.lines("a\nb\nc").toString());
        assertEquals("[]", NotebookFile.lines("").toString());
    }
}
