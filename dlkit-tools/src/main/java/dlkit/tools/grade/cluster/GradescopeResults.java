package dlkit.tools.grade.cluster;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * grades.json of one submission -> Gradescope's {@code results.json} (gradescope/autograder_samples docs/specs.md):
 * one test per autograded cell (score, max_score, status, output), the cells holding hidden tests with visibility
 * {@code after_published} (the student sees them once grades are published; a test that is {@code hidden} would hide
 * the total too), and the total score. Manually graded answers are not tests: the output names them for a rubric.
 * Always writes a results.json, also when the notebook is missing or could not be graded, so the student sees why.
 */
@Command(
        name = "gradescope-results",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "run_autograder's last step: grades.json -> Gradescope's results.json.")
public final class GradescopeResults implements Callable<Integer> {
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @Option(names = "--source", required = true, paramLabel = "SOURCE.ipynb")
    Path source;

    @Option(names = "--grades", required = true, paramLabel = "grades.json")
    Path grades;

    @Option(names = "--log", paramLabel = "grade.log")
    Path log;

    @Option(names = "--found", paramLabel = "N", description = "notebooks found in the upload")
    int found = -1;

    @Option(names = "-o", paramLabel = "results.json")
    Path out = Path.of("/autograder/results/results.json");

    record Cell(String gradeId, double points, boolean hidden, boolean autograded) {}

    @Override
    public Integer call() {
        try {
            JsonObject r = results(source, grades, log, found);
            Files.writeString(out, GSON.toJson(r) + "\n");
            System.out.println(
                    "dlkit gradescope: score " + Collect.num(r.get("score").getAsDouble()) + " -> " + out);
            return 0;
        } catch (IOException e) {
            System.err.println("dlkit gradescope: " + e.getMessage());
            return 2;
        }
    }

    static JsonObject nbgrader(JsonObject cell) {
        JsonElement m = cell.get("metadata");
        if (m == null || !m.isJsonObject() || !m.getAsJsonObject().has("nbgrader")) {
            return null;
        }
        JsonElement n = m.getAsJsonObject().get("nbgrader");
        return n.isJsonObject() ? n.getAsJsonObject() : null;
    }

    /** The grade cells of the instructor source in order. */
    static Map<String, Cell> cells(Path source) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(source)).getAsJsonObject();
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            JsonObject n = nbgrader(c);
            if (n == null || !n.has("grade") || !n.get("grade").getAsBoolean()) {
                continue;
            }
            String text = joined(c.get("source"));
            boolean code = "code".equals(c.get("cell_type").getAsString());
            boolean solution = n.has("solution") && n.get("solution").getAsBoolean();
            cells.put(
                    n.get("grade_id").getAsString(),
                    new Cell(
                            n.get("grade_id").getAsString(),
                            n.has("points") ? n.get("points").getAsDouble() : 0,
                            text.contains("BEGIN HIDDEN TESTS"),
                            code && !solution));
        }
        return cells;
    }

    static JsonObject results(Path source, Path grades, Path log, int found) throws IOException {
        Map<String, Cell> cells = cells(source);
        JsonObject sub = null;
        if (Files.exists(grades)) {
            JsonArray subs = JsonParser.parseString(Files.readString(grades))
                    .getAsJsonObject()
                    .getAsJsonArray("submissions");
            if (subs.size() == 1) {
                sub = subs.get(0).getAsJsonObject();
            }
        }
        String problem = null;
        if (found == 0) {
            problem = "No notebook (.ipynb) was found in your submission; upload " + source.getFileName() + ".";
        } else if (sub == null && found > 1) {
            problem = "Your submission has " + found + " notebooks and none is named " + source.getFileName()
                    + "; upload only that one.";
        } else if (sub == null) {
            problem = "Your notebook could not be graded: " + lastLine(log);
        } else if (!sub.get("status").getAsString().equals("graded")) {
            problem = "Your notebook could not be graded: "
                    + (sub.has("error")
                            ? sub.get("error").getAsString()
                            : sub.get("status").getAsString());
        }

        Map<String, JsonObject> scored = new LinkedHashMap<>();
        if (sub != null) {
            for (JsonElement e : sub.getAsJsonArray("cells")) {
                JsonObject c = e.getAsJsonObject();
                scored.put(c.get("grade_id").getAsString(), c);
            }
        }
        JsonArray tests = new JsonArray();
        double total = 0;
        StringBuilder manual = new StringBuilder();
        int number = 0;
        for (Cell c : cells.values()) {
            if (!c.autograded()) {
                manual.append(manual.length() == 0 ? "" : ", ")
                        .append(c.gradeId())
                        .append(" (")
                        .append(Collect.num(c.points()))
                        .append(c.points() == 1 ? " point)" : " points)");
                continue;
            }
            JsonObject s = scored.get(c.gradeId());
            double score = s == null || s.get("score").isJsonNull()
                    ? 0
                    : s.get("score").getAsDouble();
            total += score;
            JsonObject t = new JsonObject();
            t.addProperty("name", c.gradeId());
            t.addProperty("number", Integer.toString(++number));
            t.addProperty("score", score);
            t.addProperty("max_score", c.points());
            t.addProperty("status", score >= c.points() ? "passed" : "failed");
            String message = s == null
                    ? (problem != null ? "not graded" : "not run")
                    : s.get("message").isJsonNull() ? "" : s.get("message").getAsString();
            t.addProperty("output", message.isEmpty() ? (score >= c.points() ? "passed" : "failed") : message);
            if (c.hidden()) {
                t.addProperty("visibility", "after_published");
            }
            tests.add(t);
        }
        JsonObject r = new JsonObject();
        r.addProperty("score", total);
        if (sub != null && sub.has("seconds")) {
            r.addProperty("execution_time", Math.round(sub.get("seconds").getAsDouble()));
        }
        StringBuilder output = new StringBuilder();
        if (problem != null) {
            output.append(problem).append('\n');
        }
        output.append("Autograded: ")
                .append(Collect.num(total))
                .append(" of ")
                .append(Collect.num(cells.values().stream()
                        .filter(Cell::autograded)
                        .mapToDouble(Cell::points)
                        .sum()))
                .append(" points. Tests that include hidden tests show their result once grades are published.");
        if (manual.length() > 0) {
            output.append("\nGraded by hand: ").append(manual).append('.');
        }
        r.addProperty("output", output.toString());
        r.addProperty("stdout_visibility", "hidden");
        r.add("tests", tests);
        return r;
    }

    private static String lastLine(Path log) {
        try {
            if (log != null && Files.exists(log)) {
                List<String> lines = Files.readAllLines(log).stream()
                        .filter(l -> l.startsWith("dlkit"))
                        .toList();
                if (!lines.isEmpty()) {
                    return lines.get(0).replaceFirst("^dlkit grade: ", "");
                }
            }
        } catch (IOException e) {
            // below
        }
        return "the grader wrote no report";
    }

    private static String joined(JsonElement v) {
        if (v == null) {
            return "";
        }
        if (v.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            v.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
            return sb.toString();
        }
        return v.getAsString();
    }
}
