package dlkit.tools.grade;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * grades.csv: one row per submission of grades.json (student, submission, status, score, max_score, one column per
 * grade cell, needs_manual_grade, flags), written with commons-csv (RFC 4180 quoting, '\n' line ends). Made from the
 * grades.json object, so the grader and the cluster grader's merge of its shards write the same file for the same
 * grades.
 */
public final class GradesCsv {
    // CSVFormat.print, not CSVPrinter or CSVParser: those need commons-io >= 2.18, and DL4J brings 2.7
    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private GradesCsv() {}

    /** The CSV text of a grades.json object. */
    public static String of(JsonObject grades) {
        List<String> ids = new ArrayList<>(grades.getAsJsonObject("grade_cells").keySet());
        List<List<String>> records = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("student", "submission", "status", "score", "max_score"));
        header.addAll(ids);
        header.addAll(List.of("needs_manual_grade", "flags"));
        records.add(header);
        for (JsonElement e : grades.getAsJsonArray("submissions")) {
            JsonObject s = e.getAsJsonObject();
            List<String> r = new ArrayList<>(List.of(
                    s.get("student").getAsString(),
                    s.get("submission").getAsString(),
                    s.get("status").getAsString(),
                    Report.num(s.get("score").getAsDouble()),
                    Report.num(s.get("max_score").getAsDouble())));
            for (String id : ids) {
                r.add(cell(s, id));
            }
            r.add(String.join(" ", strings(s, "needs_manual_grade")));
            r.add(String.join("; ", strings(s, "flags")));
            records.add(r);
        }
        return write(records);
    }

    private static String cell(JsonObject submission, String gradeId) {
        for (JsonElement e : submission.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("grade_id").getAsString().equals(gradeId)) {
                JsonElement score = c.get("score");
                return score == null || score.isJsonNull() ? "manual" : Report.num(score.getAsDouble());
            }
        }
        return "";
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        if (o.has(key)) {
            o.getAsJsonArray(key).forEach(v -> out.add(v.getAsString()));
        }
        return out;
    }

    /** Records as CSV text, each ending in '\n'. */
    public static String write(List<List<String>> records) {
        StringBuilder sb = new StringBuilder();
        try {
            for (List<String> r : records) {
                FORMAT.printRecord(sb, r.toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return sb.toString();
    }
}
