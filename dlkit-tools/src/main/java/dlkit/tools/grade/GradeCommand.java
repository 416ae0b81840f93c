package dlkit.tools.grade;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dlkit.run.NotebookException;
import dlkit.run.NotebookFile;
import dlkit.run.ParameterInjector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code ./dlkit grade --source notebooks/X.ipynb SUBMISSION.ipynb… [-o build/grades]}: restores every locked and
 * test cell of each submission from the source ({@link Restore}), executes it with the DLKit kernel through
 * nbclient ({@link Executor}) in a fresh temporary working directory under a per-cell timeout and a wall limit,
 * scores every grade_id by nbgrader's rule ({@link Scoring}), and writes {@code grades.json}, {@code grades.csv}
 * and {@code feedback/STUDENT.html} + {@code feedback/STUDENT.ipynb} to the output folder. One summary line per
 * submission.
 *
 * <p>All input is read and checked before anything runs: a bad source or submission (not JSON, another kernel's
 * notebook, missing answer cells, a source without grade cells) is one line and exit status 2, and nothing is
 * written. The source and the submissions are held in memory while student code runs and reports are written
 * only at the end, so student code cannot change its own grade by editing files; if it changed the source file,
 * the file is put back and the submission flagged, as are changes to other files next to it.
 *
 * <p>Exit status: 0 every submission was graded; 2 bad input (nothing written); 3 a submission could not be
 * executed at all (the kernel did not start), reports still written.
 */
public final class GradeCommand {
    private static final String PREFIX = "dlkit grade: ";

    private GradeCommand() {}

    public record Options(
            Path source,
            List<Path> submissions,
            Path out,
            int cellTimeout,
            int wall,
            boolean skipInvalid,
            String python,
            String kernel,
            boolean sandbox,
            int jobs,
            Map<String, String> params,
            long memory,
            Path kernelspec) {}

    /**
     * The checked options of one grading run ({@code ./dlkit grade}'s command line, parsed by picocli in
     * {@code dlkit.tools}); null source, output or python take their defaults.
     */
    public static Options options(Path source, List<Path> submissions, Path out, String python, GraderOptions g)
            throws GradeException {
        if (source == null) {
            throw new GradeException("no --source given (the instructor notebook with solutions and hidden tests); "
                    + "pass --source SOURCE.ipynb");
        }
        if (submissions.isEmpty()) {
            throw new GradeException("no submission given; pass the students' SUBMISSION.ipynb files after --source");
        }
        Map<String, String> params;
        try {
            params = ParameterInjector.parseAssignments(g.params.assignments());
        } catch (NotebookException e) {
            throw new GradeException(e.getMessage());
        }
        return new Options(
                source,
                List.copyOf(submissions),
                out != null ? out : Path.of("build", "grades"),
                positive(g.timeout, 600, "--timeout", "of seconds "),
                positive(g.wall, 3600, "--wall", "of seconds "),
                g.skipInvalid,
                python != null ? python : dlkit.run.RunOptions.defaultPython(System.getenv()),
                g.kernel != null ? g.kernel : "dlkit",
                !g.noSandbox,
                positive(g.jobs, 0, "--jobs", ""),
                params,
                g.memory == null ? 0 : Limits.size(g.memory, "--memory"),
                g.kernelspec);
    }

    private static int positive(Integer v, int otherwise, String option, String unit) throws GradeException {
        if (v == null) {
            return otherwise;
        }
        if (v <= 0) {
            throw new GradeException(option + " " + v + ": expected a whole number " + unit + "> 0");
        }
        return v;
    }

    /** A submission read, checked and restored, ready to run. */
    private record Prepared(
            Path path, String student, JsonObject notebook, List<String> flags, byte[] original, int index) {}

    /**
     * Grades every submission of {@code o}; the exit status: 0 every submission graded, 2 bad input (nothing
     * written), 3 a submission could not be executed at all.
     */
    public static int run(Options o) {
        NotebookFile source;
        JsonObject released;
        byte[] sourceBytes;
        Map<String, Double> gradeCells = new LinkedHashMap<>();
        List<Prepared> prepared = new ArrayList<>();
        List<Report.Submission> refused = new ArrayList<>();
        try {
            sourceBytes = readBytes(o.source());
            source = parse(o.source(), sourceBytes);
            int grades = Release.validateSource(source);
            if (grades == 0) {
                throw new GradeException(o.source() + ": no grade cells (no cell has nbgrader \"grade\": true); pass "
                        + "the instructor source with its autograder test cells, not a student version");
            }
            for (JsonElement e : source.cells()) {
                JsonObject c = e.getAsJsonObject();
                if (Nbgrader.isGrade(c)) {
                    gradeCells.put(Nbgrader.gradeId(c), Nbgrader.points(c));
                }
            }
            released = Release.release(source);
            if (!o.params().isEmpty()) {
                // checked once on the source: an unknown name or no parameters cell is one line, nothing graded
                ParameterInjector.inject(parse(o.source(), sourceBytes), o.params());
            }
            Map<String, Integer> stems = new HashMap<>();
            for (Path p : o.submissions()) {
                stems.merge(stem(p), 1, Integer::sum);
            }
            Set<String> students = new LinkedHashSet<>();
            List<String> problems = new ArrayList<>();
            for (Path p : o.submissions()) {
                String student = stems.get(stem(p)) > 1
                        ? p.toString()
                                .replaceAll("\\.ipynb$", "")
                                .replaceAll("[^A-Za-z0-9_.-]+", "_")
                                .replaceAll("^[_.]+", "")
                        : stem(p);
                if (!students.add(student)) {
                    problems.add(p + ": given twice");
                    continue;
                }
                try {
                    byte[] bytes = readBytes(p);
                    NotebookFile sub = parse(p, bytes);
                    Restore.Restored r = Restore.restore(source, released, sub);
                    JsonObject nb = r.notebook();
                    if (!o.params().isEmpty()) {
                        NotebookFile injected = parse(p, toJson(nb).getBytes(StandardCharsets.UTF_8));
                        ParameterInjector.inject(injected, o.params());
                        nb = injected.json();
                    }
                    prepared.add(new Prepared(p, student, nb, r.flags(), bytes, prepared.size()));
                } catch (GradeException e) {
                    problems.add(e.getMessage());
                    refused.add(new Report.Submission(
                            student, p.toString(), "refused", e.getMessage(), List.of(), List.of(), 0, null, 0));
                }
            }
            if (!problems.isEmpty() && !o.skipInvalid()) {
                if (problems.size() == 1) {
                    System.err.println(PREFIX + problems.get(0) + " (nothing graded or written)");
                } else {
                    problems.forEach(m -> System.err.println(PREFIX + m));
                    System.err.println(PREFIX + problems.size() + " bad submissions; nothing graded or written (fix "
                            + "them, or pass --skip-invalid to grade the rest)");
                }
                return 2;
            }
            problems.forEach(m -> System.err.println(PREFIX + "skipped: " + m));
        } catch (NotebookException e) {
            System.err.println(PREFIX + e.getMessage());
            return 2;
        } catch (GradeException e) {
            System.err.println(PREFIX + e.getMessage());
            return 2;
        }
        Sandbox sandbox = null;
        Limits limits = Limits.choose(o, prepared.size());
        if (o.sandbox()) {
            try {
                sandbox = Sandbox.open(
                        Limits.requireBwrap(), o.kernelspec() != null ? o.kernelspec() : Sandbox.defaultKernelspec());
            } catch (GradeException e) {
                System.err.println(PREFIX + e.getMessage());
                return 2;
            }
        }

        List<Report.Submission> results = new ArrayList<>();
        int status = 0;
        Path scratch = null;
        Thread cleanup = null;
        try {
            scratch = Files.createTempDirectory("dlkit-grade-");
            cleanup = onExit(scratch);
            // empty when one submission runs at a time
            Map<String, String> threads = limits.threadEnv(System.getenv("DLKIT_JAVA_OPTS"));
            Executor executor = new Executor(o.python(), o.kernel(), o.cellTimeout(), o.wall(), threads);
            String assignment = stem(o.source());
            System.out.println(PREFIX + prepared.size() + " submission" + (prepared.size() == 1 ? "" : "s") + ", "
                    + limits.jobs() + " at a time"
                    + (threads.isEmpty()
                            ? ""
                            : " (" + limits.cpus() + " core" + (limits.cpus() == 1 ? "" : "s") + " each)")
                    + ", " + (sandbox != null ? "each in its own sandbox" : "NOT sandboxed " + "(--no-sandbox)")
                    + ", memory " + (limits.memory() >> 20) + " MB each"
                    + (o.params().isEmpty() ? "" : ", parameters " + o.params()));
            System.out.flush();
            List<Path> declared = declaredFiles(o.source(), source);
            Map<String, String> kernelEnv = kernelEnv(source);
            kernelEnv.putAll(threads);
            java.util.concurrent.ExecutorService pool =
                    java.util.concurrent.Executors.newFixedThreadPool(limits.jobs());
            List<java.util.concurrent.Future<Report.Submission>> futures = new ArrayList<>();
            final Path scratchDir = scratch;
            final Sandbox box = sandbox;
            for (Prepared p : prepared) {
                futures.add(pool.submit(() -> {
                    Report.Submission r =
                            grade(p, executor, scratchDir, o, sourceBytes, box, limits, declared, kernelEnv);
                    synchronized (System.out) {
                        System.out.println(PREFIX + summary(r));
                        System.out.flush();
                    }
                    return r;
                }));
            }
            pool.shutdown();
            for (java.util.concurrent.Future<Report.Submission> f : futures) {
                Report.Submission r;
                try {
                    r = f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(c.toString(), c);
                }
                if (r.status().equals("failed")) {
                    status = 3;
                }
                results.add(r);
            }
            for (Report.Submission r : refused) {
                results.add(r);
                System.out.println(PREFIX + r.student() + ": refused: " + r.error());
            }
            write(o.out(), assignment, o.source().toString(), gradeCells, results, o.params(), sandbox != null);
            System.out.println(PREFIX + results.size() + " submission" + (results.size() == 1 ? "" : "s") + " -> "
                    + o.out().resolve("grades.json") + ", " + o.out().resolve("grades.csv") + ", "
                    + o.out().resolve("feedback") + "/");
        } catch (java.nio.file.NoSuchFileException e) {
            // its message is the bare path
            System.err.println(PREFIX + "no such file: " + e.getMessage() + " (run ./dlkit setup, or check the path)");
            return 3;
        } catch (IOException e) {
            System.err.println(PREFIX + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        } finally {
            if (cleanup != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook runs
                }
            }
            if (scratch != null) {
                if ("1".equals(System.getenv("DLKIT_KEEP_SCRATCH"))) {
                    // for whoever debugs a kernel: its log, the driver's log and the kernelspec of every run
                    System.out.println(PREFIX + "scratch folder kept (DLKIT_KEEP_SCRATCH=1): " + scratch);
                } else {
                    deleteTree(scratch);
                }
            }
        }
        return status;
    }

    /**
     * Stopped by a signal (Ctrl-C, a cluster cancelling its task), the grader still stops the notebooks it runs (their
     * drivers live in sessions of their own) and removes its scratch folder, which holds the restored notebooks.
     */
    private static Thread onExit(Path scratch) {
        Thread t = new Thread(
                () -> {
                    Executor.stopAll();
                    if (!"1".equals(System.getenv("DLKIT_KEEP_SCRATCH"))) {
                        deleteTree(scratch);
                    }
                },
                "dlkit-grade-cleanup");
        Runtime.getRuntime().addShutdownHook(t);
        return t;
    }

    private static Report.Submission grade(
            Prepared p,
            Executor executor,
            Path scratch,
            Options o,
            byte[] sourceBytes,
            Sandbox sandbox,
            Limits limits,
            List<Path> declared,
            Map<String, String> kernelEnv)
            throws IOException, InterruptedException {
        // The student's code runs in scratch/STUDENT/work; the grader's own files sit in scratch/.runs/N.
        Path own = Files.createDirectories(scratch.resolve(p.student()));
        Path work = Files.createDirectories(own.resolve("work"));
        // Named by index, not student: the kernel's ipc sockets live in runs/conn, and a unix socket path has at
        // most 107 bytes (a student named by a long sanitised path exceeded it, and its kernel never started).
        Path runs = Files.createDirectories(scratch.resolve(".runs").resolve(Integer.toString(p.index())));
        // What the working folder holds: the student's own submission and the files the assignment declares.
        Files.write(work.resolve(p.path().getFileName().toString()), p.original());
        for (Path f : declared) {
            Path dest = work.resolve(f.getFileName().toString());
            if (!Files.exists(dest)) {
                Files.copy(f, dest);
            }
        }
        if (sandbox != null) {
            Path conn = Files.createDirectories(runs.resolve("conn"));
            Path jupyter = sandbox.prepare(runs, work, conn, limits.forSandbox(o.wall()), kernelEnv, "dlkit-sandbox");
            Executor.Result result = executor.run(
                    toJson(p.notebook()),
                    runs,
                    runs,
                    new Executor.Sandboxed(jupyter, "dlkit-sandbox", conn.resolve("kernel.json")));
            List<String> flags = new ArrayList<>(p.flags());
            byte[] now = Files.exists(o.source()) ? Files.readAllBytes(o.source()) : null;
            if (now == null || !Arrays.equals(now, sourceBytes)) {
                // cannot come from the sandbox (the source is not in it): someone else edited it meanwhile
                flags.add("the source notebook " + o.source() + " changed while this submission ran");
            }
            return scored(p, o, result, flags);
        }
        // Folders only the grader writes to: any change counts. Folders others may share (the source's, the
        // submissions'): new and deleted files count (an edit by someone else meanwhile is not the student's).
        List<Path> quiet = o.jobs() > 1 || limits.jobs() > 1
                ? List.of(own)
                : List.of(scratch, own, o.out().toAbsolutePath().normalize());
        // Folders others' runs write to are compared only when submissions run one at a time.
        List<Path> shared = limits.jobs() > 1 ? List.of() : sharedDirs(o);
        Map<Path, String> before = snapshot(quiet);
        Map<Path, String> sharedBefore = snapshot(shared);
        List<String> flags = new ArrayList<>(p.flags());
        flags.add("not sandboxed (--no-sandbox): student code ran with the grader's rights");
        Executor.Result result = executor.run(toJson(p.notebook()), work, runs);
        // Anything the run changed outside its working directory.
        byte[] now = Files.exists(o.source()) ? Files.readAllBytes(o.source()) : null;
        if (now == null || !Arrays.equals(now, sourceBytes)) {
            Files.write(o.source(), sourceBytes);
            flags.add("changed the source notebook " + o.source() + " while running (put back)");
        }
        Map<Path, String> after = snapshot(quiet);
        Map<Path, String> sharedAfter = snapshot(shared);
        Set<String> changed = new java.util.TreeSet<>();
        for (Path p2 : sharedAfter.keySet()) {
            if (!sharedBefore.containsKey(p2)) {
                changed.add(p2.toString());
            }
        }
        for (Path gone : sharedBefore.keySet()) {
            if (!sharedAfter.containsKey(gone)) {
                changed.add(gone + " (deleted)");
            }
        }
        for (Map.Entry<Path, String> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))
                    && !e.getKey().startsWith(work)
                    && !e.getKey().startsWith(scratch.resolve(".runs"))) {
                changed.add(e.getKey().toString());
            }
        }
        for (Path gone : before.keySet()) {
            if (!after.containsKey(gone)) {
                changed.add(gone + " (deleted)");
            }
        }
        if (!changed.isEmpty()) {
            flags.add("wrote outside its working directory: " + String.join(", ", changed));
        }
        return scored(p, o, result, flags);
    }

    private static Report.Submission scored(Prepared p, Options o, Executor.Result result, List<String> flags)
            throws IOException {
        JsonObject executed = null;
        if (result.notebook() != null) {
            try {
                executed = JsonParser.parseString(Files.readString(result.notebook(), StandardCharsets.UTF_8))
                        .getAsJsonObject();
            } catch (RuntimeException e) {
                executed = null;
            }
        }
        String error = null;
        String status = "graded";
        if (result.retried() != null) {
            flags.add("run a second time: on the first, " + Scoring.firstLine(result.retried()));
        }
        if (result.wallLimit()) {
            flags.add("stopped at the wall limit of " + o.wall() + " s; cells that had not finished score 0");
        } else if (result.exitCode() == 4) {
            flags.add("the kernel died (e.g. Runtime.halt or out of memory); cells that had not finished score 0");
        } else if (result.exitCode() != 0 || executed == null) {
            status = "failed";
            error = "execution failed (exit " + result.exitCode() + "): "
                    + Scoring.firstLine(Executor.reason(result.log()));
        }
        JsonObject scored = executed != null ? executed : p.notebook();
        List<Scoring.CellScore> cells = Scoring.scoreAll(scored);
        HiddenTests.redact(scored, cells);
        return new Report.Submission(
                p.student(),
                p.path().toString(),
                status,
                error,
                cells,
                flags,
                result.seconds(),
                scored,
                result.peakBytes());
    }

    private static String toJson(JsonObject nb) {
        return new com.google.gson.GsonBuilder().disableHtmlEscaping().create().toJson(nb);
    }

    static String summary(Report.Submission r) {
        StringBuilder sb = new StringBuilder(r.student())
                .append(": ")
                .append(Report.num(r.score()))
                .append('/')
                .append(Report.num(r.maxScore()));
        if (r.error() != null) {
            sb.append(" (").append(r.error()).append(')');
        }
        List<String> lost = new ArrayList<>();
        for (Scoring.CellScore c : r.cells()) {
            if (c.score() != null && c.score() < c.maxScore()) {
                lost.add(c.gradeId() + " " + Report.num(c.score()) + "/" + Report.num(c.maxScore()));
            }
        }
        if (!lost.isEmpty()) {
            sb.append("; lost: ").append(String.join(", ", lost));
        }
        if (!r.manual().isEmpty()) {
            sb.append("; manual: ").append(String.join(", ", r.manual()));
        }
        if (!r.flags().isEmpty()) {
            sb.append("; flags: ").append(r.flags().size());
        }
        sb.append(String.format(" (%.0f s, peak %d MB)", r.seconds(), r.peakBytes() >> 20));
        return sb.toString();
    }

    private static List<Path> sharedDirs(Options o) {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(parentOf(o.source()));
        o.submissions().forEach(s -> dirs.add(parentOf(s)));
        dirs.remove(o.out().toAbsolutePath().normalize());
        return new ArrayList<>(dirs);
    }

    private static Path parentOf(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.getParent() == null ? abs : abs.getParent();
    }

    /** size + mtime of the direct children of each folder. */
    private static Map<Path, String> snapshot(List<Path> dirs) {
        Map<Path, String> map = new TreeMap<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                for (Path f : ds) {
                    try {
                        FileTime t = Files.getLastModifiedTime(f);
                        map.put(f, (Files.isDirectory(f) ? "d" : Files.size(f)) + "@" + t.toMillis());
                    } catch (IOException e) {
                        // vanished meanwhile
                    }
                }
            } catch (IOException e) {
                // unreadable folder: nothing to compare
            }
        }
        return map;
    }

    /** Writes every report into a temporary folder next to {@code out}, then moves the files into place. */
    private static void write(
            Path out,
            String assignment,
            String source,
            Map<String, Double> gradeCells,
            List<Report.Submission> results,
            Map<String, String> params,
            boolean sandboxed)
            throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        Files.createDirectories(abs);
        Path tmp = Files.createTempDirectory(abs, ".grading-");
        try {
            Files.createDirectories(tmp.resolve("feedback"));
            String json = Report.json(source, gradeCells, results, params, sandboxed);
            Files.writeString(tmp.resolve("grades.json"), json);
            Files.writeString(
                    tmp.resolve("grades.csv"),
                    GradesCsv.of(JsonParser.parseString(json).getAsJsonObject()));
            for (Report.Submission r : results) {
                Files.writeString(tmp.resolve("feedback").resolve(r.student() + ".html"), Report.html(assignment, r));
                if (r.executed() != null) {
                    Files.writeString(
                            tmp.resolve("feedback").resolve(r.student() + ".ipynb"),
                            new com.google.gson.GsonBuilder()
                                            .setPrettyPrinting()
                                            .disableHtmlEscaping()
                                            .create()
                                            .toJson(r.executed())
                                    + "\n");
                }
            }
            Files.createDirectories(abs.resolve("feedback"));
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path dest = abs.resolve(tmp.relativize(f).toString());
                    Files.move(f, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * The files the assignment declares (metadata {@code dlkit.grading.files}: paths relative to the source's
     * folder), copied into each working folder.
     */
    static List<Path> declaredFiles(Path sourcePath, NotebookFile source) throws IOException {
        List<Path> out = new ArrayList<>();
        JsonElement files = grading(source).get("files");
        if (files != null && files.isJsonArray()) {
            Path dir = parentOf(sourcePath);
            for (JsonElement f : files.getAsJsonArray()) {
                Path p = dir.resolve(f.getAsString()).normalize();
                if (!Files.isRegularFile(p)) {
                    throw new IOException(sourcePath + ": declared file " + f.getAsString() + " (metadata "
                            + "dlkit.grading.files) is missing");
                }
                out.add(p);
            }
        }
        return out;
    }

    /** The kernel's grading-mode settings from the source's metadata: {@code dlkit.grading.allow}. */
    static Map<String, String> kernelEnv(NotebookFile source) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonElement allow = grading(source).get("allow");
        if (allow != null && allow.isJsonArray()) {
            List<String> names = new ArrayList<>();
            allow.getAsJsonArray().forEach(e -> names.add(e.getAsString()));
            env.put("DLKIT_GRADING_ALLOW", String.join(",", names));
        }
        // packages the locked/test cells name in full (org.nd4j..., java.util...): a student declaration of that
        // name would hide them (JLS 6.4.2); dlkit and java are reserved by the kernel anyway
        java.util.TreeSet<String> roots = new java.util.TreeSet<>();
        java.util.regex.Pattern qualified =
                java.util.regex.Pattern.compile("(?<![\\w.])([a-z_][a-z0-9_]*)\\.(?:[a-z_][a-z0-9_]*\\.)*[A-Z]");
        for (JsonElement e : source.cells()) {
            JsonObject c = e.getAsJsonObject();
            if (Nbgrader.isLocked(c) && NotebookFile.isCode(c)) {
                java.util.regex.Matcher m = qualified.matcher(NotebookFile.source(c));
                while (m.find()) {
                    roots.add(m.group(1));
                }
            }
        }
        if (!roots.isEmpty()) {
            env.put("DLKIT_GRADING_RESERVED", String.join(",", roots));
        }
        // the test suite's run tag, so it can check that no process of its run is left (see test_grading.py)
        String tag = System.getenv("DLKIT_GRADE_TEST_TAG");
        if (tag != null) {
            env.put("DLKIT_GRADE_TEST_TAG", tag);
        }
        return env;
    }

    private static JsonObject grading(NotebookFile source) {
        JsonElement meta = source.json().get("metadata");
        if (meta != null && meta.isJsonObject()) {
            JsonElement d = meta.getAsJsonObject().get("dlkit");
            if (d != null && d.isJsonObject()) {
                JsonElement g = d.getAsJsonObject().get("grading");
                if (g != null && g.isJsonObject()) {
                    return g.getAsJsonObject();
                }
            }
        }
        return new JsonObject();
    }

    private static byte[] readBytes(Path p) throws GradeException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new GradeException(p + ": no such file");
        } catch (IOException e) {
            throw new GradeException(p + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static NotebookFile parse(Path p, byte[] bytes) throws GradeException {
        if (!p.getFileName().toString().endsWith(".ipynb")) {
            throw new GradeException(p + ": not an .ipynb file");
        }
        try {
            return NotebookFile.parse(p, new String(bytes, StandardCharsets.UTF_8));
        } catch (NotebookException e) {
            throw new GradeException(e.getMessage());
        }
    }

    static String stem(Path p) {
        String f = p.getFileName().toString();
        return f.endsWith(".ipynb") ? f.substring(0, f.length() - ".ipynb".length()) : f;
    }

    static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // already gone
        }
    }
}
