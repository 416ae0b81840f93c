package dlkit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterDeclarationTest {
    @Test
    void parsesTheUsualForms() {
        List<ParameterDeclaration> all = ParameterDeclaration.parseAll(String.join(
                "\n",
                "// settings",
                "int epochs = 10;",
                "double learningRate = 1e-3;   // Adam",
                "final String dataset = \"fashion-mnist\";",
                "long seed=42L;",
                "",
                "List<Integer> sizes = List.of(1, 2);",
                "double[] rates = {0.1, 0.2};",
                "var batch = 64;",
                "System.out.println(epochs);",
                "epochs = 3;"));
        assertEquals(
                List.of(
                        new ParameterDeclaration("int", "epochs", "10"),
                        new ParameterDeclaration("double", "learningRate", "1e-3"),
                        new ParameterDeclaration("String", "dataset", "\"fashion-mnist\""),
                        new ParameterDeclaration("long", "seed", "42L"),
                        new ParameterDeclaration("List<Integer>", "sizes", "List.of(1, 2)"),
                        new ParameterDeclaration("double[]", "rates", "{0.1, 0.2}"),
                        new ParameterDeclaration("var", "batch", "64")),
                all);
    }

    @Test
    void statementsAreNotDeclarations() {
        assertNull(ParameterDeclaration.parse("return x = 1;"));
        assertNull(ParameterDeclaration.parse("x = 1;"));
        assertNull(ParameterDeclaration.parse("int x;"));
    }

    @Test
    void redeclares() {
        assertEquals("int epochs = 2;", new ParameterDeclaration("int", "epochs", "10").redeclare("2"));
    }
}
