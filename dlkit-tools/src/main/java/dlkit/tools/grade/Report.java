package dlkit.tools.grade;

import static dlkit.display.Html.escape;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dlkit.run.NotebookFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The class report (JSON, CSV) and the per-student HTML feedback. */
final class Report {
    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    /** One submission's outcome. {@code executed} is the graded notebook (null when refused). */
    record Submission(
            String student,
            String path,
            String status,
            String error,
            List<Scoring.CellScore> cells,
            List<String> flags,
            double seconds,
            JsonObject executed,
            long peakBytes) {
        double score() {
            return cells.stream()
                    .mapToDouble(c -> c.score() == null ? 0 : c.score())
                    .sum();
        }

        double maxScore() {
            return cells.stream().mapToDouble(Scoring.CellScore::maxScore).sum();
        }

        List<String> manual() {
            return cells.stream()
                    .filter(c -> c.status() == Scoring.Status.MANUAL)
                    .map(Scoring.CellScore::gradeId)
                    .toList();
        }
    }

    private Report() {}

    static String json(String source, Map<String, Double> gradeCells, List<Submission> subs) {
        return json(source, gradeCells, subs, Map.of(), true);
    }

    static String json(
            String source,
            Map<String, Double> gradeCells,
            List<Submission> subs,
            Map<String, String> params,
            boolean sandboxed) {
        JsonObject root = new JsonObject();
        root.addProperty("source", source);
        JsonObject ps = new JsonObject();
        params.forEach(ps::addProperty);
        root.add("parameters", ps);
        root.addProperty("sandboxed", sandboxed);
        root.addProperty(
                "rule",
                "nbgrader determine_grade: an error or stderr output gives 0; the first "
                        + "execute_result gives partial credit; otherwise full points; manually graded answers need a grader");
        JsonObject cells = new JsonObject();
        gradeCells.forEach(cells::addProperty);
        root.add("grade_cells", cells);
        JsonArray arr = new JsonArray();
        for (Submission s : subs) {
            JsonObject o = new JsonObject();
            o.addProperty("student", s.student());
            o.addProperty("submission", s.path());
            o.addProperty("status", s.status());
            if (s.error() != null) {
                o.addProperty("error", s.error());
            }
            o.addProperty("score", s.score());
            o.addProperty("max_score", s.maxScore());
            JsonArray manual = new JsonArray();
            s.manual().forEach(manual::add);
            o.add("needs_manual_grade", manual);
            JsonArray cs = new JsonArray();
            for (Scoring.CellScore c : s.cells()) {
                JsonObject co = new JsonObject();
                co.addProperty("grade_id", c.gradeId());
                co.addProperty("score", c.score());
                co.addProperty("max_score", c.maxScore());
                co.addProperty("status", c.status().name().toLowerCase().replace('_', '-'));
                co.addProperty("message", c.message());
                cs.add(co);
            }
            o.add("cells", cs);
            JsonArray fl = new JsonArray();
            s.flags().forEach(fl::add);
            o.add("flags", fl);
            o.addProperty("seconds", Math.round(s.seconds() * 10) / 10.0);
            o.addProperty("peak_memory_mb", s.peakBytes() >> 20);
            arr.add(o);
        }
        root.add("submissions", arr);
        return GSON.toJson(root) + "\n";
    }

    static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** A self-contained feedback page: the score table, flags, then every cell with its outputs. */
    static String html(String assignment, Submission s) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(assignment))
                .append(" — ")
                .append(escape(s.student()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:60em;"
                        + "margin:auto}pre{background:#f6f6f6;padding:.5em;overflow-x:auto}.err{background:#fdd}"
                        + ".stderr{background:#fed}.grade{border-left:4px solid #36c;padding-left:.5em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}"
                        + ".passed{color:#070}.failed,.not-run{color:#b00}</style></head><body>\n");
        h.append("<h1>")
                .append(escape(assignment))
                .append(": ")
                .append(escape(s.student()))
                .append("</h1>\n");
        if (s.error() != null) {
            h.append("<p class=\"err\">").append(escape(s.error())).append("</p>\n");
        }
        h.append("<p><b>Score: ")
                .append(num(s.score()))
                .append(" / ")
                .append(num(s.maxScore()))
                .append("</b>");
        if (!s.manual().isEmpty()) {
            h.append(" (plus manually graded: ")
                    .append(escape(String.join(", ", s.manual())))
                    .append(")");
        }
        h.append("</p>\n<table><tr><th>cell</th><th>points</th><th>result</th></tr>\n");
        for (Scoring.CellScore c : s.cells()) {
            String st = c.status().name().toLowerCase().replace('_', '-');
            h.append("<tr><td><a href=\"#")
                    .append(escape(c.gradeId()))
                    .append("\">")
                    .append(escape(c.gradeId()))
                    .append("</a></td><td>")
                    .append(c.score() == null ? "?" : num(c.score()))
                    .append(" / ")
                    .append(num(c.maxScore()))
                    .append("</td><td class=\"")
                    .append(st)
                    .append("\">")
                    .append(st)
                    .append(c.message().isEmpty() ? "" : ": " + escape(c.message()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!s.flags().isEmpty()) {
            h.append("<h2>Notes for the grader</h2><ul>");
            s.flags().forEach(f -> h.append("<li>").append(escape(f)).append("</li>"));
            h.append("</ul>\n");
        }
        if (s.executed() != null) {
            h.append("<h2>Notebook</h2>\n");
            for (JsonElement e : s.executed().getAsJsonArray("cells")) {
                appendCell(h, e.getAsJsonObject());
            }
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void appendCell(StringBuilder h, JsonObject cell) {
        String id = Nbgrader.gradeId(cell);
        boolean grade = Nbgrader.isGrade(cell);
        h.append("<div")
                .append(grade ? " class=\"grade\"" : "")
                .append(id == null ? "" : " id=\"" + escape(id) + "\"")
                .append(">");
        if (grade) {
            h.append("<p><b>")
                    .append(escape(id))
                    .append("</b> (")
                    .append(num(Nbgrader.points(cell)))
                    .append(" points)</p>");
        }
        String src = NotebookFile.source(cell);
        if (NotebookFile.isCode(cell)) {
            h.append("<pre>").append(escape(src)).append("</pre>");
            JsonElement outs = cell.get("outputs");
            if (outs != null && outs.isJsonArray()) {
                for (JsonElement o : outs.getAsJsonArray()) {
                    appendOutput(h, o.getAsJsonObject());
                }
            }
        } else {
            h.append("<pre style=\"background:none\">").append(escape(src)).append("</pre>");
        }
        h.append("</div>\n");
    }

    private static void appendOutput(StringBuilder h, JsonObject out) {
        String type = out.has("output_type") ? out.get("output_type").getAsString() : "";
        switch (type) {
            case "stream" -> {
                boolean err = out.has("name") && out.get("name").getAsString().equals("stderr");
                h.append("<pre class=\"")
                        .append(err ? "stderr" : "out")
                        .append("\">")
                        .append(escape(clip(NotebookFile.joined(out.get("text")))))
                        .append("</pre>");
            }
            case "error" -> {
                List<String> tb = new ArrayList<>();
                if (out.has("traceback") && out.get("traceback").isJsonArray()) {
                    out.getAsJsonArray("traceback").forEach(t -> tb.add(t.getAsString()));
                }
                String text = tb.isEmpty()
                        ? out.get("ename").getAsString() + ": "
                                + out.get("evalue").getAsString()
                        : String.join("\n", tb);
                h.append("<pre class=\"err\">")
                        .append(escape(clip(text.replaceAll("\u001b\\[[0-9;]*m", ""))))
                        .append("</pre>");
            }
            case "execute_result", "display_data" -> {
                JsonObject data = out.has("data") ? out.getAsJsonObject("data") : new JsonObject();
                if (data.has("image/png")) {
                    h.append("<img src=\"data:image/png;base64,")
                            .append(NotebookFile.joined(data.get("image/png")).replace("\n", ""))
                            .append("\">");
                } else if (data.has("text/plain")) {
                    h.append("<pre>")
                            .append(escape(clip(NotebookFile.joined(data.get("text/plain")))))
                            .append("</pre>");
                }
            }
            default -> {}
        }
    }

    private static String clip(String s) {
        return s.length() <= 20_000 ? s : s.substring(0, 20_000) + "\n... [" + s.length() + " characters]";
    }
}
