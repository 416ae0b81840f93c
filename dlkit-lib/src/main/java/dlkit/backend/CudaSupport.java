package dlkit.backend;

import java.util.List;

/**
 * Which GPUs the CUDA backend DLKit ships ({@code nd4j-cuda-11.6} 1.0.0-M2.1) can run.
 *
 * <p>{@code libnd4jcuda.so} of that release contains SASS (cubins) for sm_37, 50, 52, 60, 61, 70, 75, 80 and 86
 * and <b>no PTX</b>, so the driver cannot JIT-compile code for a newer architecture. A cubin for sm_XY runs on a
 * GPU of the same major version and an equal or higher minor version: sm_87 (Jetson Orin) and sm_89 (Ada, e.g.
 * RTX 4090, L4) run the sm_86 cubin. Compute capability 9.0 and above (H100, H200, Blackwell) has no runnable
 * code, and neither has anything older than 3.7.
 */
public final class CudaSupport {

    /** The CUDA backend's name as used in messages. */
    public static final String BACKEND = "nd4j-cuda-11.6 (1.0.0-M2.1)";

    /** Architectures with a cubin in libnd4jcuda.so, as major*10+minor. */
    public static final List<Integer> CUBINS = List.of(37, 50, 52, 60, 61, 70, 75, 80, 86);

    private CudaSupport() {}

    /** How a compute capability relates to the shipped cubins. */
    public enum Verdict {
        /** A cubin for exactly this architecture exists. */
        NATIVE(true),
        /** Runs the cubin of a lower minor version of the same major version (e.g. sm_89 runs sm_86). */
        COMPATIBLE(true),
        /** Newer major version than any cubin (9.0+, e.g. H100/H200): nothing can run, there is no PTX. */
        TOO_NEW(false),
        /** Older than any cubin of its major version (below 3.7, or e.g. 3.0/3.5). */
        TOO_OLD(false),
        /** Compute capability not known. */
        UNKNOWN(false);

        private final boolean runnable;

        Verdict(boolean runnable) {
            this.runnable = runnable;
        }

        public boolean runnable() {
            return runnable;
        }
    }

    /** The verdict for compute capability {@code major.minor}. */
    public static Verdict check(int major, int minor) {
        if (major < 0 || minor < 0) {
            return Verdict.UNKNOWN;
        }
        int cc = major * 10 + minor;
        if (CUBINS.contains(cc)) {
            return Verdict.NATIVE;
        }
        int maxMajor = CUBINS.get(CUBINS.size() - 1) / 10;
        if (major > maxMajor) {
            return Verdict.TOO_NEW;
        }
        return cubinFor(major, minor) >= 0 ? Verdict.COMPATIBLE : Verdict.TOO_OLD;
    }

    /** The verdict for a GPU. */
    public static Verdict check(GpuInfo gpu) {
        return check(gpu.ccMajor(), gpu.ccMinor());
    }

    /** The cubin (major*10+minor) a GPU of this compute capability would run, or -1 for none. */
    public static int cubinFor(int major, int minor) {
        int best = -1;
        for (int c : CUBINS) {
            if (c / 10 == major && c % 10 <= minor) {
                best = Math.max(best, c);
            }
        }
        return best;
    }

    /** One line that says whether and how {@link #BACKEND} runs on this GPU. */
    public static String explain(GpuInfo gpu) {
        String what = gpu.describe();
        return switch (check(gpu)) {
            case NATIVE -> what + " is supported by " + BACKEND + " (native " + gpu.smName() + " code).";
            case COMPATIBLE ->
                what + " is supported by " + BACKEND + " (it runs the sm_" + cubinFor(gpu.ccMajor(), gpu.ccMinor())
                        + " code).";
            case TOO_NEW ->
                what + " cannot run " + BACKEND + ": it is built for sm_37..sm_86 with no PTX, so there is"
                        + " no code for " + gpu.smName() + ".";
            case TOO_OLD ->
                what + " cannot run " + BACKEND + ": it is older than sm_37, the oldest architecture built.";
            case UNKNOWN -> what + ": compute capability unknown, so support by " + BACKEND + " cannot be checked.";
        };
    }
}
