package dlkit.tools.grade;

import dlkit.run.ParamOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The grader's options that say how each submission runs (not which): {@code ./dlkit grade} uses them, and
 * {@code --slurm}, {@code --k8s-manifest} and {@code gradescope} pass them on unchanged to the grader of each shard or
 * upload ({@link #words()}). A picocli mixin.
 */
public final class GraderOptions {
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "per cell (default 600)")
    Integer timeout;

    @Option(names = "--wall", paramLabel = "SECONDS", description = "per notebook (default 3600)")
    Integer wall;

    @Option(names = "--skip-invalid", description = "grade the valid submissions when some are not")
    boolean skipInvalid;

    @Option(names = "--no-sandbox", description = "run student code with the grader's rights (no bubblewrap)")
    boolean noSandbox;

    @Option(
            names = {"-j", "--jobs"},
            paramLabel = "N",
            description = "submissions graded at a time")
    Integer jobs;

    @Option(names = "--memory", paramLabel = "SIZE", description = "memory per submission, e.g. 2g")
    String memory;

    @Option(names = "--kernel", paramLabel = "NAME", description = "kernelspec name (default dlkit)")
    String kernel;

    @Option(names = "--kernelspec", paramLabel = "DIR", description = "the kernelspec folder the sandbox mounts")
    Path kernelspec;

    @Mixin
    ParamOption params = new ParamOption();

    /** The options given, as command-line words, in a fixed order (a shard's grader gets them). */
    public List<String> words() {
        List<String> w = new ArrayList<>();
        if (timeout != null) {
            w.addAll(List.of("--timeout", timeout.toString()));
        }
        if (wall != null) {
            w.addAll(List.of("--wall", wall.toString()));
        }
        if (skipInvalid) {
            w.add("--skip-invalid");
        }
        if (noSandbox) {
            w.add("--no-sandbox");
        }
        if (jobs != null) {
            w.addAll(List.of("--jobs", jobs.toString()));
        }
        if (memory != null) {
            w.addAll(List.of("--memory", memory));
        }
        if (kernel != null) {
            w.addAll(List.of("--kernel", kernel));
        }
        if (kernelspec != null) {
            w.addAll(List.of("--kernelspec", kernelspec.toString()));
        }
        for (String p : params.assignments()) {
            w.addAll(List.of("-p", p));
        }
        return w;
    }

    /** {@code --wall}'s value, or null. */
    public Integer wall() {
        return wall;
    }
}
