package dlkit.tools.grade.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code ./dlkit grade --slurm}: one Slurm job array whose task i runs the ordinary grader on shard i over the shared
 * file system, a progress line while it runs, one retry of the tasks that died (time limit, node lost, out of
 * memory, cancelled), then the merged report ({@link Collect}). Already graded shards are not submitted again.
 */
final class Slurm {
    private static final String PREFIX = "dlkit grade: ";
    /** Slurm states of a task that is still queued or running (squeue). */
    private static final Set<String> WAITING = Set.of(
            "PENDING",
            "CONFIGURING",
            "REQUEUED",
            "REQUEUE_HOLD",
            "REQUEUE_FED",
            "RESIZING",
            "SUSPENDED",
            "STOPPED",
            "SIGNALING");

    private Slurm() {}

    static int run(GradeArgs a) {
        try {
            int perTask = GradeArgs.positive(a.own().getOrDefault("--jobs-per-task", "2"), "--jobs-per-task");
            int mem = GradeArgs.positive(a.own().getOrDefault("--mem", "4096"), "--mem");
            int cpus = GradeArgs.positive(a.own().getOrDefault("--cpus-per-task", "1"), "--cpus-per-task");
            int poll = GradeArgs.positive(a.own().getOrDefault("--poll", "10"), "--poll");
            String wall = a.graderOption("--wall");
            int minutes = a.own().containsKey("--time")
                    ? GradeArgs.positive(a.own().get("--time"), "--time")
                    : perTask * (wall == null ? 3600 : GradeArgs.positive(wall, "--wall")) / 60 + 10;
            String python = a.python();
            for (String tool : List.of("sbatch", "squeue")) {
                if (!Proc.onPath(tool)) {
                    throw new ClusterException(tool + " not found on PATH; run this on a Slurm login node (Debian: "
                            + "apt-get install slurm-client), or grade locally without --slurm");
                }
            }
            Plan plan = Plan.make(a, perTask);
            refuseIfRunning(plan);
            plan.write();
            Path script = writeScript(plan, python, a.own().get("--partition"), mem, cpus, minutes);

            List<Plan.Shard> todo = new ArrayList<>(
                    plan.shards().stream().filter(s -> !plan.done(s)).toList());
            if (todo.size() < plan.shards().size()) {
                System.out.println(PREFIX + (plan.shards().size() - todo.size()) + " of "
                        + plan.shards().size() + " shards already graded (" + plan.dir()
                        + "/*.ok); submitting the other " + todo.size());
            }
            Map<Integer, String> history = new TreeMap<>();
            for (int attempt = 1; attempt <= 2 && !todo.isEmpty(); attempt++) {
                String job = submit(plan, script, todo);
                System.out.println(PREFIX + "submitted Slurm job array " + job + " (" + todo.size() + " task"
                        + (todo.size() == 1 ? "" : "s") + ", " + countSubs(todo) + " submissions, array "
                        + Plan.arraySpec(todo) + ")" + (attempt == 2 ? " to retry the tasks that died" : ""));
                if (a.own().containsKey("--no-wait")) {
                    System.out.println(PREFIX + "not waiting (--no-wait); when the job has ended: ./dlkit grade "
                            + "--collect " + plan.out() + " (or run this command again: it submits only what is "
                            + "missing or failed)");
                    return 0;
                }
                System.out.println(PREFIX + "waiting (Ctrl-C stops waiting, not the job: ./dlkit grade --collect "
                        + plan.out() + " merges later)");
                Map<Integer, String> ended = waitFor(plan, job, todo, poll);
                List<Plan.Shard> failed =
                        todo.stream().filter(s -> !plan.done(s)).toList();
                for (Plan.Shard s : failed) {
                    String task = job + "_" + s.index();
                    String state = ended.getOrDefault(s.index(), "ended without a result");
                    Path logFile = plan.dir().resolve("logs").resolve(job + "_" + s.index() + ".out");
                    String log = logFile.toString();
                    String said = graderError(logFile);
                    if (said != null) {
                        state += " (" + said + ")";
                    }
                    history.merge(
                            s.index(),
                            "Slurm task " + task + " " + state + " (log " + log + ")",
                            (x, y) -> x + "; retry " + y);
                    System.out.println(PREFIX + s.name() + " (task " + task + ", " + String.join(" ", s.submissions())
                            + "): " + state
                            + (attempt == 1
                                    ? "; retrying it once"
                                    : "; not retried again, its submissions are reported as failed")
                            + " (log " + log + ")");
                }
                todo = new ArrayList<>(failed);
            }
            Map<Integer, String> reasons = new LinkedHashMap<>();
            for (Plan.Shard s : todo) {
                reasons.put(s.index(), "not graded: " + history.get(s.index()));
            }
            return report(plan, reasons);
        } catch (ClusterException e) {
            System.err.println(PREFIX + e.getMessage());
            return 2;
        }
    }

    /** Merges and prints one line per submission; 0 when every submission was graded, else 3. */
    static int report(Plan plan, Map<Integer, String> reasons) throws ClusterException {
        Collect.Result r = Collect.merge(plan, reasons);
        r.lines().forEach(l -> System.out.println(PREFIX + l));
        System.out.println(PREFIX + plan.submissions().size() + " submissions (" + r.graded() + " graded, " + r.failed()
                + " failed, " + r.refused() + " refused) -> " + plan.out().resolve("grades.json") + ", "
                + plan.out().resolve("grades.csv") + ", " + plan.out().resolve("feedback") + "/");
        return r.failed() == 0 ? 0 : 3;
    }

    /** The grader's own error line in a task log ("dlkit grade: ..."), or null. */
    static String graderError(Path log) {
        try {
            if (Files.exists(log)) {
                String found = null;
                for (String l : Files.readAllLines(log)) {
                    // Not errors: a submission's score, the closing summary, the opening "N submissions, ..." line.
                    boolean summary = l.matches("dlkit grade: .*: [0-9.]+/[0-9.]+.*")
                            || l.contains(" -> ")
                            || l.matches("dlkit grade: [0-9]+ submissions?, .*");
                    if (l.startsWith("dlkit grade: ") && !summary) {
                        found = l.substring("dlkit grade: ".length());
                    }
                }
                return found;
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable log says nothing
        }
        return null;
    }

    private static int countSubs(List<Plan.Shard> shards) {
        return shards.stream().mapToInt(s -> s.submissions().size()).sum();
    }

    /** A second submission while the first job still runs would grade the same shards twice, into the same files. */
    static void refuseIfRunning(Plan plan) throws ClusterException {
        Path jobs = plan.dir().resolve("jobs.txt");
        if (!Files.exists(jobs)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(jobs)) {
                String job = line.strip().split("\\s+")[0];
                if (!job.isEmpty() && !queued(job).isEmpty()) {
                    throw new ClusterException("Slurm job " + job + " (" + jobs + ") is still grading into "
                            + plan.out()
                            + "; wait for it and run ./dlkit grade --collect " + plan.out() + ", or scancel " + job
                            + " first");
                }
            }
        } catch (IOException e) {
            throw new ClusterException(jobs + ": " + e.getMessage());
        }
    }

    static Path writeScript(Plan plan, String python, String partition, int memMb, int cpus, int minutes)
            throws ClusterException {
        Path dir = plan.dir().toAbsolutePath().normalize();
        String cwd = Path.of("").toAbsolutePath().toString();
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# Written by ./dlkit grade --slurm: task i of the job array grades shard i (")
                .append(dir)
                .append(
                        "/shard-NNN.txt)\n# with the ordinary grader into shard-NNN/, and marks it done (.ok) only when "
                                + "the grader succeeded.\n");
        s.append("#SBATCH --job-name=dlkit-grade\n");
        s.append("#SBATCH --output=").append(dir).append("/logs/%A_%a.out\n");
        s.append("#SBATCH --chdir=").append(cwd).append('\n');
        s.append("#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=").append(cpus).append('\n');
        s.append("#SBATCH --mem=").append(memMb).append("M\n");
        s.append("#SBATCH --time=").append(minutes).append('\n');
        if (partition != null) {
            s.append("#SBATCH --partition=").append(partition).append('\n');
        }
        s.append("set -uo pipefail\n");
        s.append(
                "# The kernel sizes its heap and ND4J's off-heap memory from MEM_LIMIT (dlkit.kernel.MemoryBudget).\n");
        s.append("export MEM_LIMIT=$(( ${SLURM_MEM_PER_NODE:-").append(memMb).append("} * 1048576 ))\n");
        s.append("export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-").append(cpus).append("}\n");
        s.append(ShardScript.body(
                GraderCommand.sq(dir.toString()),
                "\"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch --array}\"",
                GraderCommand.words(python),
                plan));
        Path script = plan.dir().resolve("grade.sbatch");
        try {
            Files.writeString(script, s.toString());
            script.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new ClusterException("cannot write " + script + ": " + e.getMessage());
        }
        return script;
    }

    private static String submit(Plan plan, Path script, List<Plan.Shard> shards) throws ClusterException {
        Proc p = Proc.run(List.of("sbatch", "--parsable", "--array=" + Plan.arraySpec(shards), script.toString()));
        String job = p.out().strip().split(";")[0];
        if (p.rc() != 0 || !job.matches("\\d+")) {
            throw new ClusterException(
                    "sbatch refused the job array: " + p.firstErrorLine() + " (script " + script + ")");
        }
        try {
            Files.writeString(
                    plan.dir().resolve("jobs.txt"),
                    job + " " + Plan.arraySpec(shards) + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ClusterException("cannot record the job id in " + plan.dir() + ": " + e.getMessage());
        }
        return job;
    }

    /**
     * Polls until no task of {@code job} is queued or running; prints a progress line whenever the counts change.
     * Returns the final Slurm state of each task that ended without its .ok marker.
     */
    private static Map<Integer, String> waitFor(Plan plan, String job, List<Plan.Shard> shards, int pollSeconds)
            throws ClusterException {
        long start = System.nanoTime();
        String last = "";
        Map<Integer, Integer> unseen = new TreeMap<>();
        Map<Integer, String> ended = new TreeMap<>();
        while (true) {
            Map<Integer, String> q = queued(job);
            int done = 0;
            int running = 0;
            int pending = 0;
            int failed = 0;
            Map<Integer, String> finals = null;
            for (Plan.Shard s : shards) {
                String st = q.get(s.index());
                if (plan.done(s)) {
                    done++;
                } else if (st != null) {
                    if (WAITING.contains(st)) {
                        pending++;
                    } else {
                        running++;
                    }
                } else {
                    if (finals == null) {
                        finals = finalStates(job);
                    }
                    String f = finals.get(s.index());
                    // COMPLETED without the marker, or no state at all: give a shared file system a moment.
                    int seen = unseen.merge(s.index(), 1, Integer::sum);
                    if ((f != null && !f.equals("COMPLETED")) || seen > 3) {
                        failed++;
                        ended.put(s.index(), "ended " + (f == null ? "without a result" : f));
                    } else {
                        running++;
                    }
                }
            }
            String line = String.format(
                    "job %s: %d done, %d running, %d pending, %d failed", job, done, running, pending, failed);
            if (!line.equals(last)) {
                System.out.printf("%s%s (%.0f s)%n", PREFIX, line, (System.nanoTime() - start) / 1e9);
                last = line;
            }
            if (running == 0 && pending == 0) {
                return ended;
            }
            try {
                Thread.sleep(pollSeconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException(
                        "interrupted while waiting; the job goes on: ./dlkit grade --collect " + plan.out());
            }
        }
    }

    /** Array task index -> state of the tasks of {@code job} that squeue still lists. */
    static Map<Integer, String> queued(String job) throws ClusterException {
        Proc p = Proc.run(List.of("squeue", "-h", "-r", "-j", job, "-o", "%i|%T"));
        Map<Integer, String> m = new TreeMap<>();
        if (p.rc() != 0) {
            return m; // "Invalid job id specified": the job has left the queue
        }
        for (String l : p.out().split("\n")) {
            String[] f = l.strip().split("\\|");
            if (f.length == 2
                    && f[0].startsWith(job + "_")
                    && f[0].substring(job.length() + 1).matches("\\d+")) {
                m.put(Integer.parseInt(f[0].substring(job.length() + 1)), f[1]);
            }
        }
        return m;
    }

    /**
     * Final states of ended tasks: from accounting (sacct), or, where the cluster keeps none ("accounting storage
     * is disabled"), from the controller's memory of recent jobs (scontrol, MinJobAge).
     */
    static Map<Integer, String> finalStates(String job) throws ClusterException {
        Map<Integer, String> m = new TreeMap<>();
        if (Proc.onPath("sacct")) {
            Proc p = Proc.run(List.of("sacct", "-n", "-P", "-X", "-j", job, "-o", "JobID,State"));
            if (p.rc() == 0) {
                for (String l : p.out().split("\n")) {
                    String[] f = l.strip().split("\\|");
                    if (f.length == 2 && f[0].matches(job + "_\\d+")) {
                        // "CANCELLED by 0" -> CANCELLED
                        m.put(Integer.parseInt(f[0].substring(job.length() + 1)), f[1].split(" ")[0]);
                    }
                }
                if (!m.isEmpty()) {
                    return m;
                }
            }
        }
        Proc p = Proc.run(List.of("scontrol", "-o", "show", "job", job));
        if (p.rc() == 0) {
            for (String l : p.out().split("\n")) {
                String task = field(l, "ArrayTaskId");
                String state = field(l, "JobState");
                if (task != null && task.matches("\\d+") && state != null) {
                    m.put(Integer.parseInt(task), state);
                }
            }
        }
        return m;
    }

    private static String field(String line, String key) {
        for (String w : line.split("\\s+")) {
            if (w.startsWith(key + "=")) {
                return w.substring(key.length() + 1);
            }
        }
        return null;
    }
}
