package dlkit.backend;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which backend to use, and why, in one line. Shared by the kernel (before ND4J loads) and the notebooks.
 *
 * <p>The rule, driven by {@code DLKIT_BACKEND=cpu|cuda|auto} (default {@code auto}):
 * <ul>
 *   <li>{@code cpu}: CPU.</li>
 *   <li>{@code auto}: CUDA when this build has the CUDA backend and GPU 0 can run it
 *       ({@link CudaSupport}); otherwise CPU, with the reason.</li>
 *   <li>{@code cuda}: as {@code auto}, but falling back is flagged as {@link #fellBack()} (the user asked for CUDA).</li>
 * </ul>
 * {@link #decide} is pure (unit-tested with canned GPUs); {@link #detect()} reads the environment, nvidia-smi and
 * the class path.
 *
 * @param backend   the backend chosen
 * @param requested the value of DLKIT_BACKEND (normalised: cpu, cuda or auto)
 * @param gpu       the GPU considered (GPU 0), if any
 * @param reason    one line for the notebook, e.g. "CPU: NVIDIA H100 … cannot run nd4j-cuda-11.6 …; continuing on CPU."
 * @param fellBack  true when CUDA was asked for (or a GPU is present under auto) but CPU is used
 */
public record BackendChoice(Backend backend, String requested, Optional<GpuInfo> gpu, String reason, boolean fellBack) {

    /** Environment variable that selects the backend. */
    public static final String ENV = "DLKIT_BACKEND";
    /** A class only the CUDA build has on its class path. */
    public static final String CUDA_CLASS = "org.nd4j.jita.conf.CudaEnvironment";

    /** Normalises a DLKIT_BACKEND value: null/blank/unknown → auto. */
    public static String normalise(String value) {
        if (value == null) {
            return "auto";
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "cpu", "native" -> "cpu";
            case "cuda", "gpu" -> "cuda";
            default -> "auto";
        };
    }

    /**
     * The decision.
     *
     * @param requested      DLKIT_BACKEND's value (null = auto)
     * @param gpus           GPUs nvidia-smi lists (empty when none or no nvidia-smi)
     * @param cudaBuild      whether this build has the CUDA backend on its class path ({@code ./mvnw -Pcuda})
     */
    public static BackendChoice decide(String requested, List<GpuInfo> gpus, boolean cudaBuild) {
        String req = normalise(requested);
        Optional<GpuInfo> gpu = gpus.isEmpty() ? Optional.empty() : Optional.of(gpus.get(0));
        if (req.equals("cpu")) {
            return new BackendChoice(
                    Backend.CPU,
                    req,
                    gpu,
                    "CPU: " + ENV + "=cpu"
                            + gpu.map(g -> " (GPU present but not used: " + g.name() + ")")
                                    .orElse("") + ".",
                    false);
        }
        if (gpu.isEmpty()) {
            return new BackendChoice(
                    Backend.CPU,
                    req,
                    gpu,
                    "CPU: no NVIDIA GPU found (nvidia-smi lists none or is not installed).",
                    req.equals("cuda"));
        }
        GpuInfo g = gpu.get();
        CudaSupport.Verdict v = CudaSupport.check(g);
        if (!v.runnable()) {
            String why = switch (v) {
                case TOO_NEW ->
                    g.describe() + " cannot run " + CudaSupport.BACKEND + " (built for sm_37..sm_86, no PTX, so no "
                            + g.smName() + " code)";
                case TOO_OLD -> g.describe() + " is older than sm_37 and cannot run " + CudaSupport.BACKEND;
                default ->
                    g.describe() + " has an unknown compute capability, so " + CudaSupport.BACKEND
                            + " is not attempted";
            };
            return new BackendChoice(Backend.CPU, req, gpu, "CPU: " + why + "; continuing on CPU.", true);
        }
        if (!cudaBuild) {
            return new BackendChoice(
                    Backend.CPU,
                    req,
                    gpu,
                    "CPU: " + g.describe()
                            + " could run " + CudaSupport.BACKEND + ", but this build has no CUDA backend"
                            + " (./dlkit setup on this machine adds it); continuing on CPU.",
                    true);
        }
        String how = v == CudaSupport.Verdict.COMPATIBLE
                ? " via its sm_" + CudaSupport.cubinFor(g.ccMajor(), g.ccMinor()) + " code"
                : "";
        return new BackendChoice(Backend.CUDA, req, gpu, "CUDA: " + g.describe() + how + ".", false);
    }

    /** Decides from the real environment: DLKIT_BACKEND, nvidia-smi and the class path. */
    public static BackendChoice detect() {
        return decide(System.getenv(ENV), NvidiaSmi.query(), cudaBuild());
    }

    /** True when the CUDA backend is on the class path (checked without loading ND4J). */
    public static boolean cudaBuild() {
        try {
            Class.forName(CUDA_CLASS, false, BackendChoice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
