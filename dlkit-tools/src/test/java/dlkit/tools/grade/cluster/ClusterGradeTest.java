package dlkit.tools.grade.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dlkit.tools.grade.GraderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sharding, merging, the YAML writer and the Gradescope conversion, without a cluster (see test_slurm.py etc.). */
class ClusterGradeTest {
    @TempDir
    Path tmp;

    /** The parts of ./dlkit grade's command line (dlkit.tools.GradeTool) that make a cluster grade. */
    @Command
    static final class Line {
        @Option(names = {"-s", "--source"})
        Path source;

        @Parameters
        List<Path> submissions = new java.util.ArrayList<>();

        @Option(names = "-o")
        Path out;

        @Mixin
        GraderOptions grader = new GraderOptions();

        @Mixin
        ClusterOptions cluster = new ClusterOptions();
    }

    private GradeArgs args(String... a) throws ClusterException {
        Line l = new Line();
        new CommandLine(l).parseArgs(a);
        return GradeArgs.of(l.source, l.submissions, l.out, "python3", l.cluster, l.grader);
    }

    private String nb(String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "{\"cells\": [], \"n\": \"" + name + "\"}");
        return p.toString();
    }

    @Test
    void argumentsSplitIntoOwnGraderAndSubmissions() throws Exception {
        GradeArgs a = args(
                "--slurm",
                "--jobs-per-task",
                "3",
                "--timeout",
                "20",
                "--skip-invalid",
                "a.ipynb",
                "--source",
                "s.ipynb",
                "b.ipynb",
                "-o",
                "out",
                "-p",
                "epochs=1");
        assertEquals(List.of("a.ipynb", "b.ipynb"), a.submissions());
        assertEquals("s.ipynb", a.source());
        assertEquals(Path.of("out"), a.out());
        assertEquals(Map.of("--slurm", "", "--jobs-per-task", "3"), a.own());
        assertEquals(List.of("--timeout", "20", "--skip-invalid", "-p", "epochs=1"), a.graderArgs());
        assertEquals("20", a.graderOption("--timeout"));
        ClusterException e = assertThrows(ClusterException.class, () -> args("notes.txt"));
        assertTrue(e.getMessage().startsWith("notes.txt: not a notebook"));
    }

    @Test
    void shardsKeepSameStemSubmissionsTogether() throws Exception {
        String src = nb("source/x.ipynb");
        String a = nb("s/a.ipynb");
        String b = nb("s/b.ipynb");
        String c1 = nb("s/one/c.ipynb");
        String d = nb("s/d.ipynb");
        String c2 = nb("s/two/c.ipynb");
        Plan p = Plan.make(
                args("--source", src, a, b, c1, d, c2, "-o", tmp.resolve("out").toString()), 2);
        assertEquals(
                List.of(List.of(a, b), List.of(c1, c2), List.of(d)),
                p.shards().stream().map(Plan.Shard::submissions).toList());
        Map<String, String> names = p.students();
        assertEquals("a", names.get(a));
        assertEquals(
                c1.replaceAll("\\.ipynb$", "")
                        .replaceAll("[^A-Za-z0-9_.-]+", "_")
                        .replaceAll("^[_.]+", ""),
                names.get(c1));
        assertEquals("0-2", Plan.arraySpec(p.shards()));
        assertEquals("1", Plan.arraySpec(List.of(p.shards().get(1))));
        assertEquals("0,2", Plan.arraySpec(List.of(p.shards().get(0), p.shards().get(2))));
    }

    @Test
    void aChangedFileChangesOnlyItsShardsKey() throws Exception {
        String src = nb("x.ipynb");
        String a = nb("a.ipynb");
        String b = nb("b.ipynb");
        String out = tmp.resolve("out").toString();
        Plan p1 = Plan.make(args("--source", src, a, b, "-o", out), 1);
        Files.writeString(Path.of(b), "{\"cells\": [], \"changed\": true}");
        Plan p2 = Plan.make(args("--source", src, a, b, "-o", out), 1);
        assertEquals(p1.shards().get(0).key(), p2.shards().get(0).key());
        assertNotEquals(p1.shards().get(1).key(), p2.shards().get(1).key());
        p2.write();
        Files.writeString(p2.dir().resolve("shard-001.ok"), p1.shards().get(1).key() + "\n");
        assertFalse(p2.done(p2.shards().get(1)), "a marker of older inputs does not count");
        Files.writeString(p2.dir().resolve("shard-001.ok"), p2.shards().get(1).key() + "\n");
        assertTrue(Plan.read(Path.of(out)).done(p2.shards().get(1)));
    }

    @Test
    void badInputIsOneLine() throws Exception {
        String src = nb("x.ipynb");
        String a = nb("a.ipynb");
        assertEquals(
                a + ": given twice",
                assertThrows(ClusterException.class, () -> Plan.make(args("--source", src, a, a, "-o", "o"), 2))
                        .getMessage());
        assertEquals(
                tmp.resolve("none.ipynb") + ": no such file",
                assertThrows(
                                ClusterException.class,
                                () -> Plan.make(
                                        args(
                                                "--source",
                                                src,
                                                tmp.resolve("none.ipynb").toString(),
                                                "-o",
                                                "o"),
                                        2))
                        .getMessage());
        assertTrue(assertThrows(ClusterException.class, () -> Plan.make(args("--source", src, a), 2))
                .getMessage()
                .startsWith("no -o OUT given"));
    }

    /** A shard report as dlkit.tools.grade.Report writes it; rows "path:status:score" (of the one grade cell q). */
    private static void shardReport(Path dir, String... rows) throws IOException {
        Files.createDirectories(dir.resolve("feedback"));
        StringBuilder json = new StringBuilder("{\n  \"source\": \"x.ipynb\",\n  \"rule\": \"r\",\n  \"grade_cells\": {"
                + "\n    \"q\": 2.0\n  },\n  \"submissions\": [");
        StringBuilder csv = new StringBuilder("student,submission,status,score,max_score,q,needs_manual_grade,flags\n");
        for (int i = 0; i < rows.length; i++) {
            String[] f = rows[i].split(":"); // path:status:score
            String student = Plan.stem(f[0]);
            json.append(i == 0 ? "" : ",")
                    .append("\n    {\n      \"student\": \"")
                    .append(student)
                    .append("\",\n      \"submission\": \"")
                    .append(f[0])
                    .append("\",\n      \"status\": \"")
                    .append(f[1])
                    .append("\",\n      \"score\": ")
                    .append(f[2])
                    .append(",\n      \"max_score\": 2.0,"
                            + "\n      \"needs_manual_grade\": [],\n      \"cells\": [\n        {\n          \"grade_id\": \"q\",\n"
                            + "          \"score\": " + f[2]
                            + ",\n          \"max_score\": 2.0\n        }\n      ],\n      \"flags\": [\n        "
                            + "\"two\\nlines, quoted\"\n      ],\n      \"seconds\": 1.5\n    }");
            csv.append(student)
                    .append(',')
                    .append(f[0])
                    .append(',')
                    .append(f[1])
                    .append(',')
                    .append(f[2])
                    .append(",2,")
                    .append(f[2])
                    .append(",,\"two\nlines, quoted\"\n");
            Files.writeString(dir.resolve("feedback").resolve(student + ".html"), "<p>" + student);
        }
        json.append("\n  ]\n}\n");
        Files.writeString(dir.resolve("grades.json"), json.toString());
        Files.writeString(dir.resolve("grades.csv"), csv.toString());
    }

    @Test
    void mergeKeepsCommandLineOrderRefusedLastAndListsLostSubmissions() throws Exception {
        String src = nb("x.ipynb");
        String a = nb("a.ipynb");
        String b = nb("b.ipynb");
        String c = nb("c.ipynb");
        String d = nb("d.ipynb");
        Path out = tmp.resolve("out");
        Plan p = Plan.make(args("--source", src, a, b, c, d, "-o", out.toString()), 2);
        p.write();
        // shard 0 = a, b (b refused: the grader lists refused ones last); shard 1 = c, d never ran
        shardReport(p.shardOut(p.shards().get(0)), b + ":refused:1", a + ":graded:1");
        Files.writeString(p.dir().resolve("shard-000.ran"), p.shards().get(0).key());
        Collect.Result r = Collect.merge(p, Map.of(1, "not graded: Slurm task 7_1 ended TIMEOUT"));
        assertEquals(1, r.graded());
        assertEquals(2, r.failed());
        assertEquals(1, r.refused());
        JsonObject merged = JsonParser.parseString(Files.readString(out.resolve("grades.json")))
                .getAsJsonObject();
        JsonArray subs = merged.getAsJsonArray("submissions");
        assertEquals(
                List.of("a", "c", "d", "b"),
                subs.asList().stream()
                        .map(e -> e.getAsJsonObject().get("student").getAsString())
                        .toList());
        assertEquals(
                "not graded: Slurm task 7_1 ended TIMEOUT",
                subs.get(1).getAsJsonObject().get("error").getAsString());
        String csv = Files.readString(out.resolve("grades.csv"));
        assertEquals(
                "student,submission,status,score,max_score,q,needs_manual_grade,flags\n"
                        + "a," + a + ",graded,1,2,1,,\"two\nlines, quoted\"\n"
                        + "c," + c + ",failed,0,0,,,\n"
                        + "d," + d + ",failed,0,0,,,\n"
                        + "b," + b + ",refused,1,2,1,,\"two\nlines, quoted\"\n",
                csv);
        assertTrue(Files.exists(out.resolve("feedback").resolve("a.html")));
        // the shard's entries are re-serialised byte for byte
        String shard = Files.readString(p.shardOut(p.shards().get(0)).resolve("grades.json"));
        String entryA = shard.substring(shard.indexOf("    {\n      \"student\": \"a\""), shard.indexOf("\n  ]"));
        assertTrue(Files.readString(out.resolve("grades.json")).contains(entryA));
    }

    @Test
    void aReportOfOlderInputsIsNotMerged() throws Exception {
        String src = nb("x.ipynb");
        String a = nb("a.ipynb");
        Plan p = Plan.make(args("--source", src, a, "-o", tmp.resolve("out").toString()), 2);
        p.write();
        shardReport(p.shardOut(p.shards().get(0)), a + ":graded:2.0");
        Files.writeString(p.dir().resolve("shard-000.ran"), "0123"); // written for other inputs
        assertTrue(assertThrows(ClusterException.class, () -> Collect.merge(p, Map.of()))
                .getMessage()
                .startsWith("no shard has a report yet"));
    }

    @Test
    void aFailedTasksReasonQuotesTheGradersErrorNotItsSummaries() throws Exception {
        Path log = tmp.resolve("7_1.out");
        Files.writeString(
                log,
                "dlkit: shard 001 on node3: 2 submissions\ndlkit grade: a: 2/5 (12 s)\n"
                        + "dlkit grade: b.ipynb: not an .ipynb file (nothing graded or written)\n"
                        + "dlkit: shard 001: grader exit status 2\n");
        assertEquals("b.ipynb: not an .ipynb file (nothing graded or written)", Slurm.graderError(log));
        Files.writeString(
                log,
                "dlkit grade: 2 submissions, 2 at a time (1 core each), each in its own sandbox, "
                        + "memory 3072 MB each\ndlkit grade: a: 2/5 (12 s)\ndlkit grade: 1 submission -> o/grades.json\n");
        assertEquals(null, Slurm.graderError(log));
        assertEquals(null, Slurm.graderError(tmp.resolve("missing.out")));
    }

    @Test
    void yamlBlocksListsAndScripts() {
        JsonObject o = JsonParser.parseString("{\"a\": {\"b\": 1, \"c\": [\"x\", {\"d\": true, \"e\": \"f\"}]},"
                        + " \"s\": \"line 1\\n  line 2\\n\", \"t\": \"no newline\\nend\", \"empty\": [], \"q\": \"1\"}")
                .getAsJsonObject();
        assertEquals(
                "a:\n  b: 1\n  c:\n  - \"x\"\n  - d: true\n    e: \"f\"\n"
                        + "s: |\n  line 1\n    line 2\nt: |-\n  no newline\n  end\nempty: []\nq: \"1\"\n",
                Yaml.of(o));
    }

    private static String tiny() throws IOException {
        try (InputStream in = ClusterGradeTest.class.getResourceAsStream("/grade/tiny.ipynb")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void gradescopeResultsOneTestPerAutogradedCell() throws Exception {
        Path src = tmp.resolve("tiny.ipynb");
        Files.writeString(src, tiny());
        Path grades = tmp.resolve("grades.json");
        Files.writeString(
                grades,
                "{\"submissions\": [{\"student\": \"s\", \"status\": \"graded\", \"seconds\": 12.4,"
                        + " \"cells\": [{\"grade_id\": \"square_check\", \"score\": 0.0, \"max_score\": 2.0,"
                        + " \"message\": \"FAILED: square(3) = 9\"}, {\"grade_id\": \"mean_check\", \"score\": 1.0,"
                        + " \"max_score\": 1.0, \"message\": \"\"}, {\"grade_id\": \"total_check\", \"score\": 1.0,"
                        + " \"max_score\": 1.0, \"message\": \"\"}, {\"grade_id\": \"explain\", \"score\": null,"
                        + " \"max_score\": 1.0, \"message\": \"needs a grader\"}]}]}");
        JsonObject r = GradescopeResults.results(src, grades, null, 1);
        assertEquals(2.0, r.get("score").getAsDouble());
        assertEquals(12, r.get("execution_time").getAsInt());
        JsonArray tests = r.getAsJsonArray("tests");
        assertEquals(3, tests.size());
        JsonObject sq = tests.get(0).getAsJsonObject();
        assertEquals("square_check", sq.get("name").getAsString());
        assertEquals(0.0, sq.get("score").getAsDouble());
        assertEquals(2.0, sq.get("max_score").getAsDouble());
        assertEquals("failed", sq.get("status").getAsString());
        assertEquals("FAILED: square(3) = 9", sq.get("output").getAsString());
        assertEquals("after_published", sq.get("visibility").getAsString());
        assertFalse(tests.get(1).getAsJsonObject().has("visibility"));
        assertEquals("passed", tests.get(1).getAsJsonObject().get("output").getAsString());
        assertTrue(r.get("output").getAsString().contains("Autograded: 2 of 4 points."));
        assertTrue(r.get("output").getAsString().contains("Graded by hand: explain (1 point)."));

        JsonObject none = GradescopeResults.results(src, tmp.resolve("missing.json"), null, 0);
        assertEquals(0.0, none.get("score").getAsDouble());
        assertTrue(none.get("output").getAsString().startsWith("No notebook (.ipynb) was found"));
    }
}
