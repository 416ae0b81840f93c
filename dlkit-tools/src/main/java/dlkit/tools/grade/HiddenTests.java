package dlkit.tools.grade;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dlkit.run.NotebookFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps hidden tests out of the feedback: after scoring, each BEGIN/END HIDDEN TESTS region of a graded cell is
 * replaced by one line, {@code // hidden test: passed} or {@code failed} (nbgrader's feedback shows their source,
 * jupyter/nbgrader#1363).
 */
final class HiddenTests {
    private HiddenTests() {}

    static void redact(JsonObject notebook, List<Scoring.CellScore> scores) {
        Map<String, Scoring.CellScore> byId = new HashMap<>();
        scores.forEach(c -> byId.put(c.gradeId(), c));
        for (JsonElement e : notebook.getAsJsonArray("cells")) {
            JsonObject cell = e.getAsJsonObject();
            String source = NotebookFile.source(cell);
            if (!source.contains(Nbgrader.BEGIN_HIDDEN)) {
                continue;
            }
            Scoring.CellScore score = byId.get(Nbgrader.gradeId(cell));
            boolean passed = score != null && score.score() != null && score.score() >= score.maxScore();
            cell.add("source", NotebookFile.lines(redact(source, passed)));
        }
    }

    static String redact(String source, boolean passed) {
        List<String> out = new ArrayList<>();
        boolean hidden = false;
        for (String line : source.split("\n", -1)) {
            if (line.contains(Nbgrader.BEGIN_HIDDEN)) {
                hidden = true;
                String indent =
                        line.substring(0, line.length() - line.stripLeading().length());
                out.add(indent + "// hidden test: " + (passed ? "passed" : "failed"));
            } else if (line.contains(Nbgrader.END_HIDDEN)) {
                hidden = false;
            } else if (!hidden) {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }
}
