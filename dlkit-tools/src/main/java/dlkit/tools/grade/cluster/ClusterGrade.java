package dlkit.tools.grade.cluster;

import dlkit.tools.grade.GraderOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./dlkit grade --slurm | --k8s-manifest | --collect}: grading a class on a cluster the course already has,
 * with the ordinary grader per shard ({@link Slurm}, {@link K8sManifest}) and one merged report ({@link Collect}).
 */
public final class ClusterGrade {
    private ClusterGrade() {}

    /**
     * {@code --collect}, {@code --slurm} or {@code --k8s-manifest} with the rest of {@code ./dlkit grade}'s command
     * line; python null: the default Python with Jupyter.
     */
    public static int run(
            Path source,
            List<Path> submissions,
            Path out,
            String python,
            ClusterOptions cluster,
            GraderOptions grader) {
        GradeArgs a;
        try {
            a = GradeArgs.of(source, submissions, out, python, cluster, grader);
        } catch (ClusterException e) {
            System.err.println("dlkit grade: " + e.getMessage());
            return 2;
        }
        if (cluster.collect != null) {
            return collect(a);
        }
        if (cluster.slurm) {
            return Slurm.run(a);
        }
        if (cluster.k8s) {
            return K8sManifest.run(a);
        }
        System.err.println("dlkit grade: give --slurm, --k8s-manifest or --collect OUT (this is the cluster grader; "
                + "./dlkit grade without them grades on this machine)");
        return 2;
    }

    /** {@code --collect OUT}: merges whatever the shards have reported so far. */
    static int collect(GradeArgs a) {
        if (a.source() != null
                || !a.submissions().isEmpty()
                || a.out() != null
                || !a.graderArgs().isEmpty()) {
            System.err.println("dlkit grade: --collect OUT takes nothing else (the -o folder of --slurm or "
                    + "--k8s-manifest holds the rest)");
            return 2;
        }
        Path out = Path.of(a.own().get("--collect"));
        try {
            Plan plan = Plan.read(out);
            java.util.Map<Integer, String> reasons = new java.util.LinkedHashMap<>();
            Path jobs = plan.dir().resolve("jobs.txt");
            if (java.nio.file.Files.exists(jobs) && Proc.onPath("squeue")) {
                for (String line : java.nio.file.Files.readAllLines(jobs)) {
                    String job = line.strip().split("\\s+")[0];
                    for (int idx : Slurm.queued(job).keySet()) {
                        reasons.put(
                                idx,
                                "not graded yet: Slurm task " + job + "_" + idx + " is still queued or "
                                        + "running; run --collect again when it has ended");
                    }
                }
            }
            if (!reasons.isEmpty()) {
                System.out.println("dlkit grade: " + reasons.size() + " tasks are still queued or running; merging "
                        + "what has been graded");
            }
            return Slurm.report(plan, reasons);
        } catch (ClusterException e) {
            System.err.println("dlkit grade: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("dlkit grade: " + e.getMessage());
            return 2;
        }
    }
}
