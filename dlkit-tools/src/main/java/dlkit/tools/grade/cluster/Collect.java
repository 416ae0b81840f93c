package dlkit.tools.grade.cluster;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dlkit.tools.grade.GradesCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Merges the shards' reports ({@code OUT/cluster/shard-NNN/grades.json}, {@code grades.csv}, {@code feedback/})
 * into {@code OUT/grades.json}, {@code OUT/grades.csv} and {@code OUT/feedback/}, in the layout one local
 * {@code ./dlkit grade} run over all submissions writes: the shards' entries are copied unchanged (re-serialised with
 * the grader's Gson settings, so the bytes match), ordered as the local grader orders them (the submissions in
 * command-line order, refused ones last). A submission whose shard left no report is listed with status "failed"
 * and the reason, never dropped.
 */
final class Collect {
    /** Gson as dlkit.tools.grade.Report writes grades.json. */
    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    record Result(int graded, int failed, int refused, List<String> lines) {}

    private record Entry(JsonObject json) {}

    private Collect() {}

    /**
     * @param reasons why a shard has no report, by shard index (e.g. "Slurm task 12_3 ended TIMEOUT twice"); shards
     *                without a report and without a reason get a generic one
     */
    static Result merge(Plan plan, Map<Integer, String> reasons) throws ClusterException {
        JsonObject top = null;
        Map<String, Entry> bySubmission = new HashMap<>();
        List<Path> feedback = new ArrayList<>();
        Map<String, String> lost = new LinkedHashMap<>();
        for (Plan.Shard s : plan.shards()) {
            Path dir = plan.shardOut(s);
            Path json = dir.resolve("grades.json");
            Path csv = dir.resolve("grades.csv");
            if (!plan.reported(s) || !Files.exists(json) || !Files.exists(csv)) {
                String why = reasons.getOrDefault(
                        s.index(),
                        "no report from " + s.name() + " (its task has not run, "
                                + "is still running, or failed; logs in "
                                + plan.dir().resolve("logs") + ")");
                s.submissions().forEach(p -> lost.put(p, why));
                continue;
            }
            JsonObject report;
            try {
                report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            } catch (IOException | RuntimeException e) {
                throw new ClusterException(json + ": unreadable (" + e.getMessage() + "); grade that shard again");
            }
            JsonArray subs = report.getAsJsonArray("submissions");
            JsonObject rest = report.deepCopy();
            rest.remove("submissions");
            if (top == null) {
                top = rest;
            } else if (!top.equals(rest)) {
                throw new ClusterException(json + " was graded with another source or grader than the other shards; "
                        + "run the grading command again (it re-grades changed shards)");
            }
            for (int i = 0; i < subs.size(); i++) {
                JsonObject o = subs.get(i).getAsJsonObject();
                bySubmission.put(o.get("submission").getAsString(), new Entry(o));
            }
            Path fb = dir.resolve("feedback");
            if (Files.isDirectory(fb)) {
                feedback.add(fb);
            }
        }
        if (top == null) {
            throw new ClusterException(
                    "no shard has a report yet (" + plan.shards().size() + " shards in " + plan.dir()
                            + "); see the task logs in " + plan.dir().resolve("logs"));
        }
        Map<String, String> students = plan.students();
        List<Entry> ordered = new ArrayList<>();
        List<Entry> refused = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int failed = 0;
        for (String p : plan.submissions()) {
            Entry e = bySubmission.get(p);
            if (e == null && lost.containsKey(p)) {
                e = lostEntry(students.get(p), p, lost.get(p));
            }
            if (e == null) { // its shard ran, but the grader did not report it
                e = lostEntry(students.get(p), p, "the grader's report for its shard does not list it");
            }
            String status = e.json().get("status").getAsString();
            (status.equals("refused") ? refused : ordered).add(e);
            if (!status.equals("graded")) {
                failed += status.equals("failed") ? 1 : 0;
            }
            lines.add(summary(e.json()));
        }
        ordered.addAll(refused);

        JsonObject merged = top.deepCopy();
        JsonArray arr = new JsonArray();
        for (Entry e : ordered) {
            arr.add(e.json());
        }
        merged.add("submissions", arr);
        write(plan.out(), GSON.toJson(merged) + "\n", GradesCsv.of(merged), feedback);
        return new Result(ordered.size() - failed - refused.size(), failed, refused.size(), lines);
    }

    private static Entry lostEntry(String student, String path, String why) {
        JsonObject o = new JsonObject();
        o.addProperty("student", student);
        o.addProperty("submission", path);
        o.addProperty("status", "failed");
        o.addProperty("error", why);
        o.addProperty("score", 0.0);
        o.addProperty("max_score", 0.0);
        o.add("needs_manual_grade", new JsonArray());
        o.add("cells", new JsonArray());
        o.add("flags", new JsonArray());
        o.addProperty("seconds", 0.0);
        return new Entry(o);
    }

    private static String summary(JsonObject o) {
        String s = o.get("student").getAsString() + ": " + num(o.get("score").getAsDouble()) + "/"
                + num(o.get("max_score").getAsDouble());
        if (o.has("error")) {
            s += " (" + o.get("status").getAsString() + ": " + o.get("error").getAsString() + ")";
        }
        return s;
    }

    static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Like the grader: everything into a temporary folder next to the reports, then moved into place. */
    private static void write(Path out, String json, String csv, List<Path> feedbackDirs) throws ClusterException {
        Path abs = out.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            Files.createDirectories(abs.resolve("feedback"));
            tmp = Files.createTempDirectory(abs, ".collect-");
            Files.writeString(tmp.resolve("grades.json"), json);
            Files.writeString(tmp.resolve("grades.csv"), csv);
            for (Path fb : feedbackDirs) {
                try (Stream<Path> files = Files.list(fb)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Files.copy(
                                f,
                                abs.resolve("feedback").resolve(f.getFileName().toString()),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.move(
                    tmp.resolve("grades.csv"),
                    abs.resolve("grades.csv"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(
                    tmp.resolve("grades.json"),
                    abs.resolve("grades.json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ClusterException("cannot write the merged report into " + abs + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try (Stream<Path> s = Files.walk(tmp)) {
                    s.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // best effort
                }
            }
        }
    }
}
