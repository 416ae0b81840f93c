package dlkit.tools.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class ScoringTest {
    private static Scoring.CellScore score(String outputs) {
        JsonObject c = GradeFixtures.codeCell("t();", outputs);
        c.getAsJsonObject("metadata").add("nbgrader", GradeFixtures.testMeta("t", 3));
        return Scoring.score(c);
    }

    @Test
    void cleanCellGetsFullPoints() {
        Scoring.CellScore s = score("[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"OK: t\\n\"}]");
        assertEquals(3.0, s.score());
        assertEquals(Scoring.Status.PASSED, s.status());
    }

    @Test
    void errorOrStderrGivesZero() {
        assertEquals(
                0.0,
                score("[{\"output_type\": \"error\", \"ename\": \"AssertionError\", \"evalue\": \"FAILED: t\", "
                                + "\"traceback\": []}]")
                        .score());
        Scoring.CellScore s = score("[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"OK\"},"
                + "{\"output_type\": \"stream\", \"name\": \"stderr\", \"text\": [\"warn\\n\"]}]");
        assertEquals(0.0, s.score());
        assertEquals("wrote to stderr: warn", s.message());
    }

    @Test
    void firstExecuteResultIsPartialCredit() {
        assertEquals(
                1.5,
                score("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"1.5\"}, "
                                + "\"metadata\": {}, \"execution_count\": 1}]")
                        .score());
        // Not a number: full marks, as nbgrader does (with a warning).
        assertEquals(
                3.0,
                score("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"\\\"done\\\"\"}, "
                                + "\"metadata\": {}, \"execution_count\": 1}]")
                        .score());
        // Above the points: nbgrader stops with an error; here it is 0 with a message.
        Scoring.CellScore s = score("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"7\"}, "
                + "\"metadata\": {}, \"execution_count\": 1}]");
        assertEquals(0.0, s.score());
        // In order: a result before an error decides (nbgrader walks outputs in order).
        assertEquals(
                2.0,
                score("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"2\"}, "
                                + "\"metadata\": {}, \"execution_count\": 1}, {\"output_type\": \"error\", \"ename\": \"E\", "
                                + "\"evalue\": \"\", \"traceback\": []}]")
                        .score());
    }

    @Test
    void cellThatNeverFinishedGetsZero() {
        JsonObject c = GradeFixtures.codeCell("t();", null);
        c.add("execution_count", com.google.gson.JsonNull.INSTANCE);
        c.getAsJsonObject("metadata").add("nbgrader", GradeFixtures.testMeta("t", 3));
        assertEquals(Scoring.Status.NOT_RUN, Scoring.score(c).status());
        assertEquals(0.0, Scoring.score(c).score());
    }

    @Test
    void manualAnswersUnchangedScoreZeroOtherwiseNeedAGrader() throws Exception {
        JsonObject rel = Release.release(GradeFixtures.tiny());
        JsonObject explain = GradeFixtures.cell(rel, "explain");
        assertEquals(0.0, Scoring.score(explain).score());
        Nbgrader.setSource(explain, "Because ints overflow.");
        Scoring.CellScore s = Scoring.score(explain);
        assertNull(s.score());
        assertEquals(Scoring.Status.MANUAL, s.status());
    }
}
