package dlkit.memory;

import dlkit.backend.Backend;
import java.time.Instant;

/**
 * One memory reading (see {@link MemoryProbe}). Unknown figures are -1.
 *
 * @param label               what was happening, e.g. "after loading ResNet-152"
 * @param time                when
 * @param backend             the backend it was taken on
 * @param rssBytes            process resident set size (/proc/self/status VmRSS): on CPU, ND4J's arrays live here
 * @param peakRssBytes        peak RSS since start or the last {@link MemoryProbe#resetPeak()} (VmHWM)
 * @param javacppPhysicalBytes JavaCPP's {@code Pointer.physicalBytes()} (the process RSS as JavaCPP sees it)
 * @param heapUsedBytes       JVM heap in use (Java objects only; ND4J data is off-heap)
 * @param heapMaxBytes        JVM heap limit (-Xmx)
 * @param deviceUsedBytes     CUDA: GPU 0 used memory as nvidia-smi reports it (context, caches, other processes
 *                            included, like GPUtil in the original); -1 on CPU
 * @param nd4jDeviceBytes     CUDA: bytes ND4J's allocator tracks on device 0; -1 on CPU (not tracked there)
 * @param workspaceBytes      bytes reserved by ND4J workspaces of the current thread (DL4J's activations and
 *                            working memory during fit)
 */
public record MemorySnapshot(
        String label,
        Instant time,
        Backend backend,
        long rssBytes,
        long peakRssBytes,
        long javacppPhysicalBytes,
        long heapUsedBytes,
        long heapMaxBytes,
        long deviceUsedBytes,
        long nd4jDeviceBytes,
        long workspaceBytes) {

    /**
     * The headline figure, the analogue of the original's {@code GPUtil memoryUsed}: the GPU's used memory on CUDA,
     * the process RSS on CPU.
     */
    public long primaryBytes() {
        return backend == Backend.CUDA && deviceUsedBytes >= 0 ? deviceUsedBytes : rssBytes;
    }

    /** What {@link #primaryBytes()} is: "GPU used (nvidia-smi)" or "process RSS". */
    public String primaryName() {
        return backend == Backend.CUDA && deviceUsedBytes >= 0 ? "GPU used (nvidia-smi)" : "process RSS";
    }

    /** The headline figure in MiB, as the CSV logs' memUsage column (nvidia-smi's unit). */
    public double primaryMiB() {
        return Bytes.mib(primaryBytes());
    }

    /** Seconds since the epoch, like Python's time.time(). */
    public double timestamp() {
        return time.toEpochMilli() / 1000.0;
    }

    @Override
    public String toString() {
        return String.format(
                "%s: %s %s (heap %s of %s, workspaces %s)",
                label,
                primaryName(),
                Bytes.format(primaryBytes()),
                Bytes.format(heapUsedBytes),
                Bytes.format(heapMaxBytes),
                Bytes.format(workspaceBytes));
    }
}
