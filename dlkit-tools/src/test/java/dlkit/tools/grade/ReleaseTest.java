package dlkit.tools.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseTest {
    private static String clear(String code) throws GradeException {
        return Release.clearSolutions(code, true, "t").source();
    }

    @Test
    void topLevelRegionGetsThePlainStubIndented() throws Exception {
        assertEquals(
                "double m;\n// YOUR CODE HERE\nthrow new UnsupportedOperationException(\"your code here\");\nm",
                clear("double m;\n// BEGIN SOLUTION\nm = 1;\n// END SOLUTION\nm"));
        assertEquals(
                "int f() {\n    // YOUR CODE HERE\n    throw new UnsupportedOperationException(\"your code here\");\n}",
                clear("int f() {\n    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION\n}"));
    }

    @Test
    void codeAfterTheRegionInTheSameBlockStaysReachable() throws Exception {
        String out = clear(
                "long t(int n) {\n  long s = 0;\n  // BEGIN SOLUTION\n  s = n;\n  // END SOLUTION\n  return s;\n}");
        assertTrue(out.contains("  if (true) throw new UnsupportedOperationException"), out);
        // ... but not when the block ends right after it, or at JShell top level.
        String nested =
                clear("void f() {\n  if (x) {\n    // BEGIN SOLUTION\n    y();\n    // END SOLUTION\n  }\n  z();\n}");
        assertTrue(nested.contains("    throw new") && !nested.contains("if (true)"), nested);
    }

    @Test
    void expressionRegionsGetAnExpressionStub() throws Exception {
        assertEquals(
                "double[] w =\n    // YOUR CODE HERE\n    dlkit.grade.Stub.yourCodeHere();",
                clear("double[] w =\n    // BEGIN SOLUTION\n    {1, 2};\n    // END SOLUTION"));
        String call = clear("foo(1,\n  // BEGIN SOLUTION\n  2,\n  // END SOLUTION\n  3);");
        assertTrue(call.contains("  dlkit.grade.Stub.yourCodeHere(),"), call);
    }

    @Test
    void classBodiesGetAnInitialiserOrOnlyTheComment() throws Exception {
        String cls = clear("class Net {\n  // BEGIN SOLUTION\n  int f() { return 1; }\n  // END SOLUTION\n}");
        assertTrue(cls.contains("  { if (true) throw new UnsupportedOperationException(\"your code here\"); }"), cls);
        String anon = clear(
                "Runnable r = new Runnable() {\n  // BEGIN SOLUTION\n  public void run() {}\n  // END SOLUTION\n};");
        assertTrue(anon.contains("{ if (true) throw"), anon);
        String iface = clear("interface Shape {\n  // BEGIN SOLUTION\n  double area();\n  // END SOLUTION\n}");
        assertEquals("interface Shape {\n  // YOUR CODE HERE\n}", iface);
        String lambda = clear("Runnable r = () -> {\n  // BEGIN SOLUTION\n  go();\n  // END SOLUTION\n};");
        assertTrue(lambda.contains("  throw new Unsupported") && !lambda.contains("Stub"), lambda);
    }

    @Test
    void markersInStringsAndCommentsDoNotConfuseTheContext() throws Exception {
        String out = clear("String s = \"{ (\"; // } )\n// BEGIN SOLUTION\nx();\n// END SOLUTION");
        assertTrue(out.endsWith("\nthrow new UnsupportedOperationException(\"your code here\");"), out);
    }

    @Test
    void malformedRegionsAreOneLineErrors() {
        assertTrue(assertThrows(GradeException.class, () -> clear("// BEGIN SOLUTION\nx\n"))
                .getMessage()
                .contains("has no END SOLUTION"));
        assertTrue(assertThrows(GradeException.class, () -> clear("// BEGIN SOLUTION\n// BEGIN SOLUTION\n"))
                .getMessage()
                .contains("nested"));
        assertTrue(assertThrows(GradeException.class, () -> clear("x\n// END SOLUTION"))
                .getMessage()
                .contains("without a BEGIN"));
    }

    @Test
    void hiddenTestsAreRemovedWithTheirMarkers() throws Exception {
        assertEquals(
                "a();\nc();",
                Release.removeHiddenTests("a();\n// BEGIN HIDDEN TESTS\nb();\n// END HIDDEN TESTS\nc();", "t"));
    }

    @Test
    void releasesTheTinyAssignment() throws Exception {
        JsonObject rel = Release.release(GradeFixtures.tiny());
        String text = rel.toString();
        assertFalse(text.contains("BEGIN SOLUTION") || text.contains("HIDDEN") || text.contains("x * x"), text);
        JsonObject check = GradeFixtures.cell(rel, "square_check");
        JsonObject meta = Nbgrader.meta(check);
        assertEquals("code", meta.get("cell_type").getAsString());
        assertEquals(Nbgrader.checksum(check), meta.get("checksum").getAsString());
        assertFalse(check.getAsJsonObject("metadata").get("editable").getAsBoolean());
        assertEquals(
                List.of("**Why does `total` use `long`?**", "", "YOUR ANSWER HERE"),
                GradeFixtures.source(GradeFixtures.cell(rel, "explain")).lines().toList());
        // The source is untouched.
        assertTrue(GradeFixtures.source(GradeFixtures.cell(GradeFixtures.tiny().json(), "square"))
                .contains("x * x"));
    }

    @Test
    void solutionCellWithoutARegionIsReplacedWhole() throws Exception {
        JsonObject c = GradeFixtures.codeCell("int answer = 42;", null);
        c.getAsJsonObject("metadata")
                .add(
                        "nbgrader",
                        com.google.gson.JsonParser.parseString(
                                "{\"grade\": false, \"grade_id\": \"a\", \"locked\": false, \"schema_version\": 3, \"solution\": true}"));
        Release.releaseCell(c, "t");
        assertEquals(Nbgrader.CODE_STUB, GradeFixtures.source(c));
    }

    @Test
    void hiddenTestsOutsideGradeCellsAreRefused() {
        JsonObject c = GradeFixtures.codeCell("// BEGIN HIDDEN TESTS\nx();\n// END HIDDEN TESTS", null);
        assertTrue(assertThrows(GradeException.class, () -> Release.releaseCell(c, "t"))
                .getMessage()
                .contains("not a grade cell"));
    }

    @Test
    void warnsAboutAnswerVariablesDeclaredInsideTheRegion() {
        assertEquals(
                List.of("w"),
                Release.declaredInsideUsedAfter(
                        "// BEGIN SOLUTION\nINDArray w = f();\nint tmp = 1;\n// END SOLUTION\nSystem.out.println(w);"));
        assertEquals(
                List.of(),
                Release.declaredInsideUsedAfter(
                        "INDArray w;\n// BEGIN SOLUTION\nw = f();\n// END SOLUTION\nSystem.out.println(w);"));
    }
}
