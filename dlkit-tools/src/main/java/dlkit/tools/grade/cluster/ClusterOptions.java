package dlkit.tools.grade.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code ./dlkit grade}'s options for grading a class on a cluster ({@link Slurm}, {@link K8sManifest},
 * {@code --collect}). A picocli mixin; {@link #own()} gives what was set, by option name, to the code that uses it.
 */
public final class ClusterOptions {
    @Option(names = "--slurm", description = "grade on Slurm: one job array, one task per shard")
    boolean slurm;

    @Option(names = "--k8s-manifest", description = "write a Kubernetes Indexed Job (OUT/cluster/job.yaml)")
    boolean k8s;

    @Option(names = "--collect", paramLabel = "OUT", description = "merge the shards' reports of the -o folder OUT")
    String collect;

    @Option(names = "--jobs-per-task", paramLabel = "K", description = "submissions per shard (default 2)")
    String jobsPerTask;

    @Option(names = "--mem", paramLabel = "MB", description = "memory per task or pod (default 4096)")
    String mem;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition")
    String partition;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "Slurm CPUs per task (default 1)")
    String cpusPerTask;

    @Option(names = "--time", paramLabel = "MINUTES", description = "Slurm time limit per task")
    String time;

    @Option(names = "--no-wait", description = "Slurm: submit and return (then --collect)")
    boolean noWait;

    @Option(names = "--poll", paramLabel = "SECONDS", description = "Slurm: seconds between progress checks")
    String poll;

    @Option(names = "--image", paramLabel = "IMAGE", description = "Kubernetes: the image the pods run")
    String image;

    @Option(names = "--claim", paramLabel = "PVC", description = "Kubernetes: the claim holding the course folder")
    String claim;

    @Option(names = "--parallelism", paramLabel = "P", description = "Kubernetes: pods at a time (default 10)")
    String parallelism;

    @Option(names = "--cpus", paramLabel = "N", description = "Kubernetes: CPUs per pod (default 1)")
    String cpus;

    @Option(names = "--deadline", paramLabel = "SECONDS", description = "Kubernetes: the Job's active deadline")
    String deadline;

    @Option(names = "--name", paramLabel = "NAME", description = "Kubernetes: the Job's name")
    String name;

    @Option(names = "--mount", paramLabel = "DIR", description = "Kubernetes: where the claim is mounted (/course)")
    String mount;

    @Option(names = "--dlkit-home", paramLabel = "DIR", description = "Kubernetes: the DLKit checkout in the image")
    String dlkitHome;

    /** Whether a cluster mode was asked for. */
    public boolean any() {
        return slurm || k8s || collect != null;
    }

    /** The options given, by name ("--mem" -> "4096"; flags -> ""). */
    Map<String, String> own() {
        Map<String, String> m = new LinkedHashMap<>();
        flag(m, "--slurm", slurm);
        flag(m, "--k8s-manifest", k8s);
        flag(m, "--no-wait", noWait);
        put(m, "--collect", collect);
        put(m, "--jobs-per-task", jobsPerTask);
        put(m, "--mem", mem);
        put(m, "--partition", partition);
        put(m, "--cpus-per-task", cpusPerTask);
        put(m, "--time", time);
        put(m, "--poll", poll);
        put(m, "--image", image);
        put(m, "--claim", claim);
        put(m, "--parallelism", parallelism);
        put(m, "--cpus", cpus);
        put(m, "--deadline", deadline);
        put(m, "--name", name);
        put(m, "--mount", mount);
        put(m, "--dlkit-home", dlkitHome);
        return m;
    }

    private static void flag(Map<String, String> m, String name, boolean set) {
        if (set) {
            m.put(name, "");
        }
    }

    private static void put(Map<String, String> m, String name, String value) {
        if (value != null) {
            m.put(name, value);
        }
    }
}
