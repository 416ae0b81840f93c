package dlkit.grade.cluster;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./dlkit grade --slurm | --k8s-manifest | --collect}: grading a class on a cluster the course already has,
 * with the ordinary grader per shard ({@link Slurm}, {@link K8sManifest}) and one merged report ({@link Collect}).
 */
public final class ClusterGrade {
    private ClusterGrade() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> a = Arrays.asList(args);
        if (a.contains("--collect")) {
            return collect(args);
        }
        if (a.contains("--slurm")) {
            return Slurm.run(args);
        }
        if (a.contains("--k8s-manifest")) {
            return K8sManifest.run(args);
        }
        System.err.println("dlkit grade: give --slurm, --k8s-manifest or --collect OUT (this is the cluster grader; "
                + "./dlkit grade without them grades on this machine)");
        return 2;
    }

    /** {@code --collect OUT}: merges whatever the shards have reported so far. */
    static int collect(String[] args) {
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--collect") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (!args[i].equals("--python") && (i == 0 || !args[i - 1].equals("--python"))) {
                System.err.println("dlkit grade: usage: ./dlkit grade --collect OUT (unexpected " + args[i] + ")");
                return 2;
            }
        }
        if (out == null) {
            System.err.println("dlkit grade: usage: ./dlkit grade --collect OUT (the -o folder of --slurm or "
                    + "--k8s-manifest)");
            return 2;
        }
        try {
            Plan plan = Plan.read(out);
            java.util.Map<Integer, String> reasons = new java.util.LinkedHashMap<>();
            Path jobs = plan.dir().resolve("jobs.txt");
            if (java.nio.file.Files.exists(jobs) && Proc.onPath("squeue")) {
                for (String line : java.nio.file.Files.readAllLines(jobs)) {
                    String job = line.strip().split("\\s+")[0];
                    for (int idx : Slurm.queued(job).keySet()) {
                        reasons.put(idx, "not graded yet: Slurm task " + job + "_" + idx + " is still queued or "
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
