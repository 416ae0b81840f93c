package dlkit.tools.grade.cluster;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a class is split for a cluster: the submissions cut into shards of at most K, each graded by one run of the
 * ordinary grader ({@code ./dlkit grade}) into {@code OUT/cluster/shard-NNN/}. Written to {@code OUT/cluster/}:
 * {@code plan.json}, {@code shard-NNN.txt} (the shard's submission paths, one a line, as given on the command line:
 * the report names them so) and {@code shard-NNN.key}, a digest of the shard's inputs (source, submission paths
 * and bytes, grader options). A shard's task copies its key to {@code shard-NNN.ok} when the grader succeeded, so a
 * shard is done exactly when its {@code .ok} equals its current key: a re-run grades only missing, failed or
 * changed shards.
 *
 * <p>Submissions whose file names share a stem stay in one shard: the grader names such students by their path
 * instead of the stem, and only sees the clash when both are in the same run.
 *
 * @param out         the grader's {@code -o} folder
 * @param source      the instructor notebook, as given
 * @param submissions the submissions, as given
 * @param graderArgs  the options each shard's grader runs with ({@link GraderCommand})
 * @param shards      the shards, in order
 */
record Plan(Path out, String source, List<String> submissions, List<String> graderArgs, List<Shard> shards) {
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    record Shard(int index, List<String> submissions, String key) {
        String name() {
            return String.format("shard-%03d", index);
        }
    }

    Path dir() {
        return out.resolve("cluster");
    }

    Path shardOut(Shard s) {
        return dir().resolve(s.name());
    }

    Path list(Shard s) {
        return dir().resolve(s.name() + ".txt");
    }

    /** The grader succeeded on the shard's current inputs. */
    boolean done(Shard s) {
        return marked(s, ".ok");
    }

    /** The shard has a report for its current inputs (perhaps with submissions that failed). */
    boolean reported(Shard s) {
        return marked(s, ".ran");
    }

    private boolean marked(Shard s, String suffix) {
        try {
            Path m = dir().resolve(s.name() + suffix);
            return Files.exists(m) && Files.readString(m).strip().equals(s.key());
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks the inputs (readable .ipynb files, none twice) and cuts them into shards of at most {@code perShard}. */
    static Plan make(GradeArgs a, int perShard) throws ClusterException {
        if (a.source() == null) {
            throw new ClusterException("no --source given (the instructor notebook with solutions and hidden tests)");
        }
        if (a.submissions().isEmpty()) {
            throw new ClusterException("no submission given (SUBMISSION.ipynb ...)");
        }
        if (a.out() == null) {
            throw new ClusterException("no -o OUT given: the folder on the shared file system for shard lists, "
                    + "logs and the merged report");
        }
        byte[] source = read(a.source());
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (String s : a.submissions()) {
            if (s.contains("\n")) {
                throw new ClusterException("a submission path contains a line break; rename it");
            }
            if (bytes.put(s, read(s)) != null) {
                throw new ClusterException(s + ": given twice");
            }
        }
        // Same-stem groups in order of first appearance, packed into shards of at most perShard.
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String s : a.submissions()) {
            groups.computeIfAbsent(stem(s), k -> new ArrayList<>()).add(s);
        }
        List<List<String>> lists = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (List<String> g : groups.values()) {
            if (!cur.isEmpty() && cur.size() + g.size() > perShard) {
                lists.add(cur);
                cur = new ArrayList<>();
            }
            cur.addAll(g);
        }
        lists.add(cur);
        List<Shard> shards = new ArrayList<>();
        for (List<String> l : lists) {
            MessageDigest md = sha256();
            md.update(source);
            md.update(String.join("\0", a.graderArgs()).getBytes(StandardCharsets.UTF_8));
            for (String s : l) {
                md.update(("\0" + s + "\0").getBytes(StandardCharsets.UTF_8));
                md.update(bytes.get(s));
            }
            shards.add(new Shard(shards.size(), List.copyOf(l), HexFormat.of().formatHex(md.digest())));
        }
        return new Plan(a.out(), a.source(), List.copyOf(a.submissions()), List.copyOf(a.graderArgs()), shards);
    }

    /** plan.json: the plan without its folder, and each shard's name, as the shard's task and a reader see it. */
    private record Saved(
            String source,
            @SerializedName("grader_args") List<String> graderArgs,
            List<String> submissions,
            List<SavedShard> shards) {}

    private record SavedShard(String name, String key, List<String> submissions) {}

    void write() throws ClusterException {
        try {
            Files.createDirectories(dir().resolve("logs"));
            for (Shard s : shards) {
                Files.writeString(list(s), String.join("\n", s.submissions()) + "\n");
                Files.writeString(dir().resolve(s.name() + ".key"), s.key() + "\n");
            }
            List<SavedShard> saved = shards.stream()
                    .map(s -> new SavedShard(s.name(), s.key(), s.submissions()))
                    .toList();
            Saved plan = new Saved(source, graderArgs, submissions, saved);
            Files.writeString(dir().resolve("plan.json"), GSON.toJson(plan) + "\n");
        } catch (IOException e) {
            throw new ClusterException("cannot write the plan into " + dir() + ": " + e.getMessage());
        }
    }

    static Plan read(Path out) throws ClusterException {
        Path f = out.resolve("cluster").resolve("plan.json");
        if (!Files.exists(f)) {
            throw new ClusterException(f + ": no such file; " + out + " was not written by ./dlkit grade --slurm or "
                    + "--k8s-manifest (give the same -o folder)");
        }
        try {
            Saved p = GSON.fromJson(Files.readString(f), Saved.class);
            List<Shard> shards = new ArrayList<>();
            for (SavedShard s : p.shards()) {
                shards.add(new Shard(shards.size(), List.copyOf(s.submissions()), s.key()));
            }
            return new Plan(
                    out,
                    Objects.requireNonNull(p.source(), "no source"),
                    List.copyOf(p.submissions()),
                    List.copyOf(p.graderArgs()),
                    List.copyOf(shards));
        } catch (IOException | RuntimeException e) {
            throw new ClusterException(f + ": unreadable (" + e.getMessage() + "); run the --slurm or --k8s-manifest "
                    + "command again to rewrite it");
        }
    }

    /** The grader's student names: the file stem, or the sanitised path where stems clash (GradeCommand's rule). */
    Map<String, String> students() {
        Map<String, Integer> stems = new HashMap<>();
        submissions.forEach(s -> stems.merge(stem(s), 1, Integer::sum));
        Map<String, String> names = new LinkedHashMap<>();
        for (String s : submissions) {
            names.put(
                    s,
                    stems.get(stem(s)) > 1
                            ? s.replaceAll("\\.ipynb$", "")
                                    .replaceAll("[^A-Za-z0-9_.-]+", "_")
                                    .replaceAll("^[_.]+", "")
                            : stem(s));
        }
        return names;
    }

    /** Indices as Slurm's --array wants them: "0-5" or "1,4". */
    static String arraySpec(List<Shard> shards) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < shards.size()) {
            int j = i;
            while (j + 1 < shards.size()
                    && shards.get(j + 1).index() == shards.get(j).index() + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(shards.get(i).index());
            if (j > i) {
                sb.append('-').append(shards.get(j).index());
            }
            i = j + 1;
        }
        return sb.toString();
    }

    static String stem(String path) {
        String f = Path.of(path).getFileName().toString();
        return f.endsWith(".ipynb") ? f.substring(0, f.length() - ".ipynb".length()) : f;
    }

    private static byte[] read(String p) throws ClusterException {
        if (!p.endsWith(".ipynb")) {
            throw new ClusterException(p + ": not an .ipynb file");
        }
        try {
            return Files.readAllBytes(Path.of(p));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ClusterException(p + ": no such file");
        } catch (IOException e) {
            throw new ClusterException(p + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> names(List<Shard> shards) {
        Set<String> s = new HashSet<>();
        shards.forEach(x -> s.add(x.name()));
        return s;
    }
}
