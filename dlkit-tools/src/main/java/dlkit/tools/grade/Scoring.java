package dlkit.tools.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dlkit.run.NotebookFile;
import java.util.ArrayList;
import java.util.List;

/** nbgrader's determine_grade (nbgrader/utils.py), applied to every grade cell of an executed notebook. */
public final class Scoring {
    public enum Status {
        PASSED,
        FAILED,
        PARTIAL,
        MANUAL,
        NOT_RUN
    }

    /** One grade cell's result; {@code score} is null when it needs manual grading. */
    public record CellScore(String gradeId, Double score, double maxScore, Status status, String message) {}

    private Scoring() {}

    /**
     * Scores one grade cell. Manually graded answers: 0 when unchanged from the release (checksum), else
     * needs manual grading. Code test cells, outputs walked in order: an error or a stderr stream gives 0; the
     * first execute_result gives partial credit {@code float(text/plain)} (full marks if it is not a number; 0
     * and a message when outside [0, points], where nbgrader stops with an error); otherwise full points.
     * A code cell the kernel never finished (wall limit, dead kernel) gets 0.
     */
    public static CellScore score(JsonObject cell) {
        String id = Nbgrader.gradeId(cell);
        double max = Nbgrader.points(cell);
        if (Nbgrader.isSolution(cell)) {
            JsonObject meta = Nbgrader.meta(cell);
            if (meta.has("checksum") && meta.get("checksum").getAsString().equals(Nbgrader.checksum(cell))) {
                return new CellScore(id, 0.0, max, Status.FAILED, "no answer (unchanged from the release)");
            }
            return new CellScore(id, null, max, Status.MANUAL, "needs manual grading");
        }
        if (!NotebookFile.isCode(cell)) {
            return new CellScore(id, null, max, Status.MANUAL, "needs manual grading");
        }
        JsonElement count = cell.get("execution_count");
        JsonArray outputs = cell.has("outputs") && cell.get("outputs").isJsonArray()
                ? cell.getAsJsonArray("outputs")
                : new JsonArray();
        for (JsonElement e : outputs) {
            JsonObject out = e.getAsJsonObject();
            String type = string(out, "output_type");
            if ("error".equals(type)) {
                return new CellScore(
                        id, 0.0, max, Status.FAILED, firstLine(string(out, "ename") + ": " + string(out, "evalue")));
            }
            if ("stream".equals(type) && "stderr".equals(string(out, "name"))) {
                return new CellScore(
                        id,
                        0.0,
                        max,
                        Status.FAILED,
                        "wrote to stderr: " + firstLine(NotebookFile.joined(out.get("text"))));
            }
            if ("execute_result".equals(type)) {
                JsonObject data = out.has("data") && out.get("data").isJsonObject()
                        ? out.getAsJsonObject("data")
                        : new JsonObject();
                String text = NotebookFile.joined(data.get("text/plain")).strip();
                double partial;
                try {
                    partial = Double.parseDouble(text);
                } catch (NumberFormatException ex) {
                    return new CellScore(id, max, max, Status.PASSED, "");
                }
                if (!(partial >= 0 && partial <= max)) {
                    return new CellScore(
                            id, 0.0, max, Status.FAILED, "partial credit " + text + " is outside [0, " + max + "]");
                }
                return new CellScore(
                        id,
                        partial,
                        max,
                        partial == max ? Status.PASSED : Status.PARTIAL,
                        partial == max ? "" : "partial credit");
            }
        }
        if (NotebookFile.source(cell).isBlank()) {
            return new CellScore(id, max, max, Status.PASSED, "empty cell");
        }
        if (count == null || count.isJsonNull()) {
            return new CellScore(
                    id, 0.0, max, Status.NOT_RUN, "did not run to the end (wall limit or the kernel died)");
        }
        return new CellScore(id, max, max, Status.PASSED, "");
    }

    /** Scores of every grade cell, in notebook order. */
    public static List<CellScore> scoreAll(JsonObject notebook) {
        List<CellScore> scores = new ArrayList<>();
        for (JsonElement e : notebook.getAsJsonArray("cells")) {
            JsonObject cell = e.getAsJsonObject();
            if (Nbgrader.isGrade(cell)) {
                scores.add(score(cell));
            }
        }
        return scores;
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl) + " ...";
        return t.length() > 200 ? t.substring(0, 197) + "..." : t;
    }
}
