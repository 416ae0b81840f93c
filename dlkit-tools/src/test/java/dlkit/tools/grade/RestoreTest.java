package dlkit.tools.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dlkit.run.NotebookFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestoreTest {
    private static List<String> ids(JsonObject nb) {
        List<String> ids = new ArrayList<>();
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            ids.add(String.valueOf(Nbgrader.gradeId(e.getAsJsonObject())));
        }
        return ids;
    }

    private static Restore.Restored restore(JsonObject submission) throws Exception {
        NotebookFile src = GradeFixtures.tiny();
        return Restore.restore(src, Release.release(src), GradeFixtures.notebook("alice.ipynb", submission));
    }

    @Test
    void editedAndDeletedTestsComeBackWithHiddenTestsQualified() throws Exception {
        JsonObject sub = Release.release(GradeFixtures.tiny());
        Nbgrader.setSource(GradeFixtures.cell(sub, "square_check"), "check(true, \"fine\");");
        Nbgrader.meta(GradeFixtures.cell(sub, "square_check")).addProperty("points", 100);
        JsonArray kept = new JsonArray();
        for (JsonElement e : sub.getAsJsonArray("cells")) {
            if (!"total_check".equals(Nbgrader.gradeId(e.getAsJsonObject()))) {
                kept.add(e);
            }
        }
        sub.add("cells", kept);
        Restore.Restored r = restore(sub);
        JsonObject nb = r.notebook();
        assertEquals(
                List.of(
                        "intro",
                        "null",
                        "square",
                        "square_check",
                        "mean",
                        "mean_check",
                        "total",
                        "total_check",
                        "explain"),
                ids(nb));
        String square = GradeFixtures.source(GradeFixtures.cell(nb, "square_check"));
        assertTrue(square.startsWith("dlkit.grade.Checks.check(square(3) == 9"), square);
        assertTrue(square.contains("dlkit.grade.Checks.checkEquals(square(7), 49"), square);
        assertEquals(2.0, Nbgrader.points(GradeFixtures.cell(nb, "square_check")));
        assertEquals(
                List.of(
                        "edited locked/test cells (restored): square_check",
                        "deleted locked/test cells (restored): total_check"),
                r.flags());
    }

    @Test
    void answerCellsKeepTheStudentsCodeUnderTheSourcesMetadata() throws Exception {
        JsonObject sub = Release.release(GradeFixtures.tiny());
        JsonObject sq = GradeFixtures.cell(sub, "square");
        Nbgrader.setSource(sq, "int square(int x) { return x * x; }");
        Nbgrader.meta(sq).addProperty("grade", true);
        Nbgrader.meta(sq).addProperty("points", 50);
        JsonObject nb = restore(sub).notebook();
        JsonObject out = GradeFixtures.cell(nb, "square");
        assertEquals("int square(int x) { return x * x; }", GradeFixtures.source(out));
        assertFalse(Nbgrader.isGrade(out));
    }

    @Test
    void missingAnswerCellsAndForeignNotebooksAreRefused() throws Exception {
        JsonObject sub = Release.release(GradeFixtures.tiny());
        JsonArray kept = new JsonArray();
        for (JsonElement e : sub.getAsJsonArray("cells")) {
            if (!"mean".equals(Nbgrader.gradeId(e.getAsJsonObject()))) {
                kept.add(e);
            }
        }
        sub.add("cells", kept);
        assertTrue(assertThrows(GradeException.class, () -> restore(sub))
                .getMessage()
                .contains("missing answer cell mean"));
        JsonObject bare = Release.release(GradeFixtures.tiny());
        for (JsonElement e : bare.getAsJsonArray("cells")) {
            e.getAsJsonObject().add("metadata", new JsonObject());
        }
        assertTrue(assertThrows(GradeException.class, () -> restore(bare))
                .getMessage()
                .contains("not a submission of this assignment"));
    }

    @Test
    void duplicatesAndUnknownIdsLoseTheirMetadata() throws Exception {
        JsonObject sub = Release.release(GradeFixtures.tiny());
        JsonObject copy = GradeFixtures.cell(sub, "mean_check").deepCopy();
        Nbgrader.setSource(copy, "System.out.println(1);");
        JsonObject fake = GradeFixtures.codeCell("x();", null);
        fake.getAsJsonObject("metadata").add("nbgrader", GradeFixtures.testMeta("bonus", 10));
        sub.getAsJsonArray("cells").add(copy);
        sub.getAsJsonArray("cells").add(fake);
        Restore.Restored r = restore(sub);
        assertEquals(
                4,
                r.notebook().getAsJsonArray("cells").asList().stream()
                        .filter(e -> Nbgrader.isGrade(e.getAsJsonObject()))
                        .count());
        assertTrue(
                r.flags().contains("copies of nbgrader cells (their metadata removed): mean_check"),
                r.flags().toString());
        assertTrue(
                r.flags().contains("grade_ids the source does not have (metadata removed): bonus"),
                r.flags().toString());
    }

    @Test
    void redeclaredHelpersAndFileApisAreFlagged() throws Exception {
        JsonObject sub = Release.release(GradeFixtures.tiny());
        Nbgrader.setSource(
                GradeFixtures.cell(sub, "square"),
                "int square(int x) { return x * x; }\nvoid check(boolean ok, String w) { }\n"
                        + "Files.writeString(Path.of(\"/tmp/x\"), \"y\");");
        List<String> flags = restore(sub).flags();
        assertTrue(flags.get(0).startsWith("redeclares names the graded cells use: check "), flags.toString());
        assertTrue(
                flags.get(1).startsWith("uses file/process/reflection APIs the assignment does not: Files, Path"),
                flags.toString());
    }

    @Test
    void qualifiesOnlyCallsOfTheHelpers() {
        assertEquals(
                "dlkit.grade.Checks.check(a, \"check(b)\"); // check(c)\nx.check(d); void check(boolean b) {}\n"
                        + "return dlkit.grade.Checks.checkClose(1, 1, 0, \"w\");",
                Restore.qualifyChecks("check(a, \"check(b)\"); // check(c)\nx.check(d); void check(boolean b) {}\n"
                        + "return checkClose(1, 1, 0, \"w\");"));
        assertEquals("dlkit.grade.Checks.check(x, y)", Restore.qualifyChecks("dlkit.grade.Checks.check(x, y)"));
    }

    @Test
    void declaredNames() {
        assertEquals(
                Set.of("square", "Foo", "mean", "check"),
                Restore.declared("int square(int x) { int inner = 1; return x; }\nclass Foo {}\ndouble mean = 1;\n"
                        + "void check(boolean b, String w) {}\nSystem.out.println(mean);\nmean = 2;"));
    }
}
