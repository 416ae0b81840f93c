package dlkit.backend;

/**
 * One NVIDIA GPU as {@code nvidia-smi} reports it.
 *
 * @param index          device index (0-based, nvidia-smi order)
 * @param name           product name, e.g. "Tesla T4" or "NVIDIA H100 80GB HBM3"
 * @param ccMajor        compute capability major version, -1 when unknown
 * @param ccMinor        compute capability minor version, -1 when unknown
 * @param memoryTotalMiB total device memory in MiB (nvidia-smi's unit), -1 when unknown
 * @param memoryUsedMiB  used device memory in MiB at query time (the figure nvidia-smi and GPUtil show), -1 when unknown
 * @param driverVersion  NVIDIA driver version, "" when unknown
 */
public record GpuInfo(
        int index,
        String name,
        int ccMajor,
        int ccMinor,
        long memoryTotalMiB,
        long memoryUsedMiB,
        String driverVersion) {

    /** True when the compute capability is known. */
    public boolean hasComputeCapability() {
        return ccMajor >= 0 && ccMinor >= 0;
    }

    /** "8.6", or "?" when unknown. */
    public String computeCapability() {
        return hasComputeCapability() ? ccMajor + "." + ccMinor : "?";
    }

    /** "sm_86", or "sm_?" when unknown. */
    public String smName() {
        return hasComputeCapability() ? "sm_" + ccMajor + ccMinor : "sm_?";
    }

    /** Total memory in bytes (MiB × 2^20), -1 when unknown. */
    public long memoryTotalBytes() {
        return memoryTotalMiB < 0 ? -1 : memoryTotalMiB * 1024L * 1024L;
    }

    /** Used memory in bytes (MiB × 2^20), -1 when unknown. */
    public long memoryUsedBytes() {
        return memoryUsedMiB < 0 ? -1 : memoryUsedMiB * 1024L * 1024L;
    }

    /** A copy with another compute capability (handy to simulate a GPU in tests and notebooks). */
    public GpuInfo withComputeCapability(int major, int minor) {
        return new GpuInfo(index, name, major, minor, memoryTotalMiB, memoryUsedMiB, driverVersion);
    }

    /** e.g. "Tesla T4 (compute capability 7.5, 15360 MiB, driver 535.104.05)". */
    public String describe() {
        StringBuilder sb =
                new StringBuilder(name).append(" (compute capability ").append(computeCapability());
        if (memoryTotalMiB >= 0) {
            sb.append(", ").append(memoryTotalMiB).append(" MiB");
        }
        if (!driverVersion.isEmpty()) {
            sb.append(", driver ").append(driverVersion);
        }
        return sb.append(')').toString();
    }
}
