package dlkit.tools.grade.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./dlkit grade --k8s-manifest}: the shards of {@link Plan} plus {@code OUT/cluster/job.yaml}, a Kubernetes
 * Indexed Job whose pod i grades shard i ({@code JOB_COMPLETION_INDEX}) with {@code ./dlkit grade} inside the image
 * repo2docker builds from this repository (binder/; a JupyterHub single-user image built so is the same image). The
 * course folder (source, submissions, OUT) lives on a volume claim mounted as the pods' working directory, so the
 * relative paths given here mean the same inside. {@code kubectl apply -f OUT/cluster/job.yaml}, then
 * {@code ./dlkit grade --collect OUT}.
 */
final class K8sManifest {
    static final String USAGE = "usage: ./dlkit grade --k8s-manifest --image IMAGE --claim PVC [--parallelism P] "
            + "[--jobs-per-task K] [--mem MB] [--cpus N] [--deadline SECONDS] [--name JOB] [--mount /course] "
            + "[--dlkit-home /home/jovyan] --source SOURCE.ipynb SUBMISSION.ipynb... -o OUT [grader options]";

    private K8sManifest() {}

    static int run(GradeArgs a) {
        try {
            for (String need : List.of("--image", "--claim")) {
                if (!a.own().containsKey(need)) {
                    throw new ClusterException("no " + need + " given ("
                            + (need.equals("--image")
                                    ? "the image repo2docker builds from this repository, pushed where the cluster pulls"
                                    : "the PersistentVolumeClaim holding the course folder")
                            + "); " + USAGE);
                }
            }
            for (String p : concat(
                    a.source(),
                    a.submissions(),
                    a.out() == null ? null : a.out().toString())) {
                if (p != null && Path.of(p).isAbsolute()) {
                    throw new ClusterException(p + ": give paths relative to the course folder the volume claim holds "
                            + "(run this command in that folder), so they mean the same inside the pods");
                }
            }
            int perTask = GradeArgs.positive(a.own().getOrDefault("--jobs-per-task", "2"), "--jobs-per-task");
            Plan plan = Plan.make(a, perTask);
            int parallelism = Math.min(
                    plan.shards().size(),
                    GradeArgs.positive(a.own().getOrDefault("--parallelism", "10"), "--parallelism"));
            int mem = GradeArgs.positive(a.own().getOrDefault("--mem", "4096"), "--mem");
            int cpus = GradeArgs.positive(a.own().getOrDefault("--cpus", "1"), "--cpus");
            String wall = a.graderOption("--wall");
            int perShard = perTask * (wall == null ? 3600 : GradeArgs.positive(wall, "--wall"));
            int rounds = (plan.shards().size() + parallelism - 1) / parallelism;
            int deadline = a.own().containsKey("--deadline")
                    ? GradeArgs.positive(a.own().get("--deadline"), "--deadline")
                    : 2 * rounds * perShard + 600; // every index may be tried twice (backoffLimitPerIndex 1)
            String name = a.own()
                    .getOrDefault(
                            "--name",
                            "dlkit-grade-"
                                    + Plan.stem(plan.source())
                                            .toLowerCase()
                                            .replaceAll("[^a-z0-9-]+", "-")
                                            .replaceAll("^-+|-+$", "")
                                    + "-" + plan.shards().get(0).key().substring(0, 6));
            if (!name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new ClusterException("--name " + name + ": a Job name is lower-case letters, digits and '-', "
                        + "at most 63 characters");
            }
            plan.write();
            JsonObject job = manifest(
                    plan,
                    name,
                    a.own().get("--image"),
                    a.own().get("--claim"),
                    a.own().getOrDefault("--mount", "/course"),
                    a.own().getOrDefault("--dlkit-home", "/home/jovyan"),
                    parallelism,
                    mem,
                    cpus,
                    deadline);
            Path file = plan.dir().resolve("job.yaml");
            Files.writeString(
                    file,
                    "# Written by ./dlkit grade --k8s-manifest: "
                            + plan.submissions().size()
                            + " submissions in " + plan.shards().size() + " shards.\n# kubectl apply -f " + file
                            + "   then, when it has completed:   ./dlkit grade --collect " + plan.out() + "\n"
                            + Yaml.of(job));
            System.out.println("dlkit grade: " + file + ": Indexed Job " + name + ", "
                    + plan.shards().size()
                    + " completions, parallelism " + parallelism + ", " + mem + " MiB and " + cpus + " CPU per pod, "
                    + "deadline " + deadline + " s");
            System.out.println("dlkit grade: next: kubectl apply -f " + file + "; when it has completed: ./dlkit grade "
                    + "--collect " + plan.out());
            return 0;
        } catch (ClusterException e) {
            System.err.println("dlkit grade: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("dlkit grade: cannot write the manifest: " + e.getMessage());
            return 2;
        }
    }

    private static List<String> concat(String source, List<String> subs, String out) {
        List<String> l = new java.util.ArrayList<>(subs);
        l.add(source);
        l.add(out);
        return l;
    }

    static JsonObject manifest(
            Plan plan,
            String name,
            String image,
            String claim,
            String mount,
            String dlkitHome,
            int parallelism,
            int memMb,
            int cpus,
            int deadline) {
        JsonObject labels = new JsonObject();
        labels.addProperty("app.kubernetes.io/name", "dlkit-grade");
        labels.addProperty("app.kubernetes.io/instance", name);

        JsonObject job = new JsonObject();
        job.addProperty("apiVersion", "batch/v1");
        job.addProperty("kind", "Job");
        JsonObject meta = new JsonObject();
        meta.addProperty("name", name);
        meta.add("labels", labels.deepCopy());
        job.add("metadata", meta);

        JsonObject spec = new JsonObject();
        spec.addProperty("completionMode", "Indexed");
        spec.addProperty("completions", plan.shards().size());
        spec.addProperty("parallelism", parallelism);
        // A pod that dies is tried once more for its index (the Slurm path's "retried once"); others go on.
        spec.addProperty("backoffLimitPerIndex", 1);
        spec.addProperty("maxFailedIndexes", plan.shards().size());
        spec.addProperty("activeDeadlineSeconds", deadline);
        spec.addProperty("ttlSecondsAfterFinished", 7 * 24 * 3600);
        spec.addProperty("podReplacementPolicy", "Failed");
        JsonObject policy = new JsonObject();
        JsonArray rules = new JsonArray();
        // Exit 2 is bad input (the grader wrote nothing): a retry fails the same way.
        JsonObject badInput = new JsonObject();
        badInput.addProperty("action", "FailIndex");
        JsonObject codes = new JsonObject();
        codes.addProperty("containerName", "grade");
        codes.addProperty("operator", "In");
        JsonArray values = new JsonArray();
        values.add(2);
        codes.add("values", values);
        badInput.add("onExitCodes", codes);
        rules.add(badInput);
        // Evicted or preempted: not the shard's fault, so it does not use up the retry.
        JsonObject disruption = new JsonObject();
        disruption.addProperty("action", "Ignore");
        JsonArray conds = new JsonArray();
        JsonObject cond = new JsonObject();
        cond.addProperty("type", "DisruptionTarget");
        cond.addProperty("status", "True");
        conds.add(cond);
        disruption.add("onPodConditions", conds);
        rules.add(disruption);
        policy.add("rules", rules);
        spec.add("podFailurePolicy", policy);

        JsonObject template = new JsonObject();
        JsonObject tmeta = new JsonObject();
        tmeta.add("labels", labels);
        template.add("metadata", tmeta);
        JsonObject pod = new JsonObject();
        pod.addProperty("restartPolicy", "Never");
        JsonObject container = new JsonObject();
        container.addProperty("name", "grade");
        container.addProperty("image", image);
        container.addProperty("workingDir", mount);
        JsonArray command = new JsonArray();
        command.add("/bin/bash");
        command.add("-c");
        command.add("set -uo pipefail\n"
                + ShardScript.body(
                        GraderCommand.sq(plan.dir().toString()),
                        "\"$JOB_COMPLETION_INDEX\"",
                        List.of(dlkitHome + "/dlkit", "grade"),
                        plan));
        container.add("command", command);
        JsonArray env = new JsonArray();
        // The kernel sizes its heap and ND4J's off-heap memory from MEM_LIMIT, as under JupyterHub.
        JsonObject memEnv = new JsonObject();
        memEnv.addProperty("name", "MEM_LIMIT");
        JsonObject from = new JsonObject();
        JsonObject ref = new JsonObject();
        ref.addProperty("containerName", "grade");
        ref.addProperty("resource", "limits.memory");
        from.add("resourceFieldRef", ref);
        memEnv.add("valueFrom", from);
        env.add(memEnv);
        JsonObject omp = new JsonObject();
        omp.addProperty("name", "OMP_NUM_THREADS");
        omp.addProperty("value", Integer.toString(cpus));
        env.add(omp);
        container.add("env", env);
        JsonObject resources = new JsonObject();
        JsonObject req = new JsonObject();
        req.addProperty("cpu", Integer.toString(cpus));
        req.addProperty("memory", memMb + "Mi");
        resources.add("requests", req);
        resources.add("limits", req.deepCopy());
        container.add("resources", resources);
        JsonArray mounts = new JsonArray();
        JsonObject vm = new JsonObject();
        vm.addProperty("name", "course");
        vm.addProperty("mountPath", mount);
        mounts.add(vm);
        container.add("volumeMounts", mounts);
        JsonArray containers = new JsonArray();
        containers.add(container);
        pod.add("containers", containers);
        JsonArray volumes = new JsonArray();
        JsonObject vol = new JsonObject();
        vol.addProperty("name", "course");
        JsonObject pvc = new JsonObject();
        pvc.addProperty("claimName", claim);
        vol.add("persistentVolumeClaim", pvc);
        volumes.add(vol);
        pod.add("volumes", volumes);
        template.add("spec", pod);
        spec.add("template", template);
        job.add("spec", spec);
        return job;
    }
}
