package dlkit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterInjectorTest {
    private static final String PARAMS = "int epochs = 10;\ndouble lr = 0.01;\nString name = \"run\";\n"
            + "long seed = 42L;\nboolean augment = true;\nfloat decay = 0.5f;\nvar label = \"x\";\nchar sep = ',';";

    private static NotebookFile notebook(String... cells) throws NotebookException {
        return NotebookFile.parse(Path.of("nb.ipynb"), Notebooks.javaNotebook(cells));
    }

    private static NotebookFile standard() throws NotebookException {
        return notebook(
                Notebooks.markdown("# Title"),
                Notebooks.code(PARAMS, "parameters"),
                Notebooks.code("System.out.println(epochs);"));
    }

    private static Map<String, String> params(String... kv) throws NotebookException {
        return ParameterInjector.parseAssignments(List.of(kv));
    }

    private static String message(NotebookFile nb, String... kv) {
        return assertThrows(NotebookException.class, () -> ParameterInjector.inject(nb, params(kv)))
                .getMessage();
    }

    @Test
    void insertsATaggedCellRightAfterTheParametersCell() throws Exception {
        NotebookFile nb = standard();
        String injected = ParameterInjector.inject(nb, params("epochs=2", "name=quick test"));
        assertEquals(4, nb.cells().size());
        JsonObject cell = nb.cells().get(2).getAsJsonObject();
        assertEquals("code", cell.get("cell_type").getAsString());
        assertEquals(List.of("injected-parameters"), List.copyOf(NotebookFile.tags(cell)));
        assertEquals(injected, NotebookFile.source(cell));
        assertTrue(injected.contains("int epochs = 2;\n"), injected);
        assertTrue(injected.contains("String name = \"quick test\";\n"), injected);
        assertEquals(
                "System.out.println(epochs);",
                NotebookFile.source(nb.cells().get(3).getAsJsonObject()));
        assertTrue(cell.get("outputs").getAsJsonArray().isEmpty());
        assertTrue(cell.get("execution_count").isJsonNull());
    }

    @Test
    void noParametersMeansNoChange() throws Exception {
        NotebookFile nb = standard();
        String before = nb.toJson();
        assertNull(ParameterInjector.inject(nb, Map.of()));
        assertEquals(before, nb.toJson());
    }

    @Test
    void unknownNameListsTheKnownOnes() throws Exception {
        String m = message(standard(), "epoch=2");
        assertTrue(m.contains("unknown parameter \"epoch\""), m);
        assertTrue(m.contains("epochs, lr, name, seed, augment, decay, label, sep"), m);
        assertTrue(!m.contains("\n"), m);
    }

    @Test
    void unknownNameLeavesTheNotebookAlone() throws Exception {
        NotebookFile nb = standard();
        String before = nb.toJson();
        message(nb, "epochs=2", "nosuch=1");
        assertEquals(before, nb.toJson());
    }

    @Test
    void valuesAreCheckedAgainstTheDeclaredType() throws Exception {
        assertTrue(message(standard(), "epochs=two").contains("declared as int"));
        assertTrue(message(standard(), "epochs=1.5").contains("declared as int"));
        assertTrue(message(standard(), "epochs=99999999999").contains("declared as int"));
        assertTrue(message(standard(), "lr=fast").contains("declared as double"));
        assertTrue(message(standard(), "augment=yes").contains("true or false"));
        assertTrue(message(standard(), "sep=ab").contains("one character"));
    }

    @Test
    void literalsFollowTheDeclaredType() throws Exception {
        NotebookFile nb = standard();
        String s = ParameterInjector.inject(
                nb,
                params(
                        "seed=7",
                        "lr=1e-4",
                        "augment=false",
                        "decay=0.25",
                        "label=a \"quoted\" \\ word",
                        "sep=;",
                        "name="));
        assertTrue(s.contains("long seed = 7L;"), s);
        assertTrue(s.contains("double lr = 1e-4;"), s);
        assertTrue(s.contains("boolean augment = false;"), s);
        assertTrue(s.contains("float decay = 0.25f;"), s);
        assertTrue(s.contains("var label = \"a \\\"quoted\\\" \\\\ word\";"), s);
        assertTrue(s.contains("char sep = ';';"), s);
        assertTrue(s.contains("String name = \"\";"), s);
    }

    @Test
    void arraysTakeCommaSeparatedValues() throws Exception {
        NotebookFile nb = notebook(Notebooks.code(
                "int[] sizes = {4, 16};\nlong[] seeds = {1L};\n"
                        + "double[] rates = {0.1};\nString[] names = {\"a\"};\nboolean[] flags = {true};",
                "parameters"));
        String s = ParameterInjector.inject(
                nb, params("sizes=10, 30,50", "seeds=7", "rates=0.5,1e-3", "names=x y,\"z\"", "flags="));
        assertTrue(s.contains("int[] sizes = new int[] {10, 30, 50};"), s);
        assertTrue(s.contains("long[] seeds = new long[] {7L};"), s);
        assertTrue(s.contains("double[] rates = new double[] {0.5, 1e-3};"), s);
        assertTrue(s.contains("String[] names = new String[] {\"x y\", \"\\\"z\\\"\"};"), s);
        assertTrue(s.contains("boolean[] flags = new boolean[] {};"), s);
        assertEquals(
                "-p sizes=4,x: sizes is declared as int[], so the value must be comma-separated int values "
                        + "('x' is not one)",
                message(nb, "sizes=4,x"));
    }

    @Test
    void otherTypesTakeJavaSourceAsWritten() throws Exception {
        NotebookFile nb =
                notebook(Notebooks.code("double[] rates = {0.1};\nActivation act = Activation.RELU;", "parameters"));
        String s = ParameterInjector.inject(nb, params("act=Activation.TANH", "rates=new double[]{0.5, 0.6}"));
        assertTrue(s.contains("Activation act = Activation.TANH;"), s);
        assertTrue(s.contains("double[] rates = new double[]{0.5, 0.6};"), s);
    }

    @Test
    void rerunReplacesAnEarlierInjectedCell() throws Exception {
        NotebookFile nb = standard();
        ParameterInjector.inject(nb, params("epochs=2"));
        ParameterInjector.inject(nb, params("epochs=3"));
        assertEquals(4, nb.cells().size());
        String s = NotebookFile.source(nb.cells().get(2).getAsJsonObject());
        assertTrue(s.contains("int epochs = 3;") && !s.contains("epochs = 2"), s);
    }

    @Test
    void withoutAParametersCellTheFixIsNamed() throws Exception {
        String m = message(notebook(Notebooks.code("int epochs = 1;")), "epochs=2");
        assertTrue(m.contains("no cell is tagged \"parameters\""), m);
    }

    @Test
    void twoParametersCellsAreAmbiguous() throws Exception {
        String m = message(
                notebook(Notebooks.code("int a = 1;", "parameters"), Notebooks.code("int b = 1;", "parameters")),
                "a=2");
        assertTrue(m.contains("cells 1, 2"), m);
    }

    @Test
    void malformedAssignmentIsRejected() {
        assertThrows(NotebookException.class, () -> params("epochs"));
        assertThrows(NotebookException.class, () -> params("=3"));
        assertThrows(NotebookException.class, () -> params("1x=3"));
    }

    @Test
    void laterAssignmentWins() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "2");
        expected.put("b", "x=y");
        assertEquals(expected, params("a=1", "b=x=y", "a=2"));
    }

    @Test
    void nbformat45CellsGetAnId() throws Exception {
        NotebookFile nb = NotebookFile.parse(
                Path.of("nb.ipynb"), Notebooks.notebook(4, 5, "java", Notebooks.code("int a = 1;", "parameters")));
        ParameterInjector.inject(nb, params("a=2"));
        assertEquals(
                "injected-parameters",
                nb.cells().get(1).getAsJsonObject().get("id").getAsString());
    }
}
