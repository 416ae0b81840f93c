package dlkit.backend;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The GPU decisions the shell scripts need, so that the rule "which GPU can run CUDA" ({@link CudaSupport}) lives
 * in Java only. {@code ./dlkit setup}, {@code ./dlkit doctor}, {@code kernel/launch.sh} and
 * {@code binder/colab-setup.sh} (through setup) run this class; it prints lines and never loads ND4J, so it
 * starts in a fraction of a second and can run from a few compiled classes before the first Maven build.
 *
 * <pre>
 * java dlkit.backend.GpuDecision build                       → "cuda REASON" or "cpu REASON": build -Pcuda?
 * java dlkit.backend.GpuDecision run [--cuda-build]          → "cuda REASON" or "cpu REASON": ND4J backend now
 * java dlkit.backend.GpuDecision doctor [--cuda-build]       → "OK|WARN|FAIL gpu: …" and "… backend: …" lines
 * </pre>
 * All read {@code DLKIT_BACKEND} and {@code nvidia-smi}; {@code --cuda-build} says the build carries nd4j-cuda
 * (the caller knows from its class path; this JVM runs without ND4J's jars).
 */
public final class GpuDecision {

    /** DLKIT_BACKEND values that are understood (see {@link BackendChoice#normalise}). */
    static final Set<String> KNOWN = Set.of("", "auto", "cpu", "native", "cuda", "gpu");

    private GpuDecision() {}

    /**
     * Whether {@code ./dlkit setup} builds the CUDA backend too ({@code ./mvnw -Pcuda}).
     *
     * @param cuda   true: build with the CUDA profile
     * @param reason one line, e.g. "Tesla T4 (compute capability 7.5, …) can run nd4j-cuda-11.6 (1.0.0-M2.1)"
     */
    public record Build(boolean cuda, String reason) {
        /** "cuda REASON" or "cpu REASON": what the scripts read. */
        public String line() {
            return (cuda ? "cuda " : "cpu ") + reason;
        }
    }

    /**
     * What to build. {@code cpu}: CPU only. {@code cuda}: the CUDA backend, GPU or not (an image built on a machine
     * without GPU). {@code auto}: the CUDA backend when GPU 0 can run it, CPU only otherwise (no GPU, or one
     * nd4j-cuda-11.6 has no code for, such as an H100).
     */
    public static Build forBuild(String requested, List<GpuInfo> gpus) {
        String req = BackendChoice.normalise(requested);
        if (req.equals("cpu")) {
            return new Build(false, BackendChoice.ENV + "=cpu: CPU backend only");
        }
        if (req.equals("cuda")) {
            return new Build(
                    true,
                    BackendChoice.ENV + "=cuda: building " + CudaSupport.BACKEND + " too"
                            + (gpus.isEmpty() ? " (no GPU visible here)" : ""));
        }
        if (gpus.isEmpty()) {
            return new Build(
                    false, "no NVIDIA GPU found (nvidia-smi lists none or is not installed): CPU backend only");
        }
        GpuInfo g = gpus.get(0);
        if (CudaSupport.check(g).runnable()) {
            return new Build(true, g.describe() + " can run " + CudaSupport.BACKEND + ": building it too");
        }
        return new Build(false, stripDot(CudaSupport.explain(g)) + "; CPU backend only");
    }

    /** The ND4J backend a kernel starts with: {@link BackendChoice#decide}, as one "cuda|cpu REASON" line. */
    public static String forRun(String requested, List<GpuInfo> gpus, boolean cudaBuild) {
        BackendChoice c = BackendChoice.decide(requested, gpus, cudaBuild);
        return c.backend().name().toLowerCase(Locale.ROOT) + " " + c.reason();
    }

    /**
     * {@code ./dlkit doctor}'s lines about the GPU and the backend, each "OK|WARN|FAIL text".
     *
     * @param requested      DLKIT_BACKEND as set (null when unset), checked for typos
     * @param gpus           GPUs nvidia-smi lists
     * @param nvidiaSmiFound whether an nvidia-smi executable is on PATH (to tell "no driver" from "no tool")
     * @param cudaBuild      whether the build carries nd4j-cuda
     */
    public static List<String> doctor(String requested, List<GpuInfo> gpus, boolean nvidiaSmiFound, boolean cudaBuild) {
        List<String> lines = new ArrayList<>();
        String raw = requested == null ? "" : requested.strip().toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(raw)) {
            lines.add("FAIL backend: " + BackendChoice.ENV + "=" + requested
                    + " is not cpu, cuda or auto; it is read as auto");
        }
        if (!gpus.isEmpty()) {
            GpuInfo g = gpus.get(0);
            boolean runs = CudaSupport.check(g).runnable();
            lines.add((runs ? "OK gpu: " : "WARN gpu: ")
                    + CudaSupport.explain(g)
                    + (runs ? "" : " ND4J runs on the CPU."));
        } else if (nvidiaSmiFound) {
            lines.add("WARN gpu: nvidia-smi is installed but lists no GPU (or fails: is the NVIDIA driver loaded?);"
                    + " ND4J runs on the CPU");
        } else {
            lines.add("OK gpu: none found (no nvidia-smi on PATH); ND4J runs on the CPU");
        }
        String req = BackendChoice.normalise(requested);
        BackendChoice c = BackendChoice.decide(requested, gpus, cudaBuild);
        String build = cudaBuild ? "CUDA build (nd4j-cuda and nd4j-native)" : "CPU build (nd4j-native)";
        String head = "backend: " + BackendChoice.ENV + "=" + req + ", " + build + " -> " + c.reason();
        if (c.backend() == Backend.CUDA) {
            lines.add("OK " + head);
        } else if (!cudaBuild && forBuild(requested, gpus).cuda()) {
            lines.add((req.equals("cuda") ? "FAIL " : "WARN ") + head
                    + " Run ./dlkit setup here: it adds the CUDA backend"
                    + (req.equals("cuda") ? " (" + BackendChoice.ENV + "=cuda)." : "."));
        } else {
            lines.add((c.fellBack() ? "WARN " : "OK ") + head);
        }
        return lines;
    }

    /** True when {@code name} is an executable file in a folder of {@code path} (a PATH value). */
    static boolean onPath(String name, String path) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "";
        boolean cudaBuild = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--cuda-build" -> cudaBuild = true;
                case "--cpu-build" -> cudaBuild = false;
                default -> usage("unknown option " + args[i]);
            }
        }
        String requested = System.getenv(BackendChoice.ENV);
        switch (mode) {
            case "build" ->
                System.out.println(forBuild(requested, NvidiaSmi.query()).line());
            case "run" -> System.out.println(forRun(requested, NvidiaSmi.query(), cudaBuild));
            case "doctor" ->
                doctor(requested, NvidiaSmi.query(), onPath("nvidia-smi", System.getenv("PATH")), cudaBuild)
                        .forEach(System.out::println);
            default -> usage(mode.isEmpty() ? "no mode given" : "unknown mode " + mode);
        }
    }

    private static void usage(String problem) {
        System.err.println(
                "GpuDecision: " + problem + "; usage: java dlkit.backend.GpuDecision build|run|doctor [--cuda-build]");
        System.exit(2);
    }
}
