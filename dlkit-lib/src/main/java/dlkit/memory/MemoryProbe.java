package dlkit.memory;

import dlkit.backend.Backend;
import dlkit.backend.NvidiaSmi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Memory readings that mean something on the backend in use.
 *
 * <ul>
 *   <li><b>CUDA</b>: GPU 0's used memory from {@code nvidia-smi} (what the original notebook logs through GPUtil: it
 *       includes the CUDA context, ND4J's caches and other processes) and the bytes ND4J's allocator tracks.</li>
 *   <li><b>CPU</b>: ND4J keeps arrays off the Java heap in native memory, so the process's resident memory (VmRSS) is
 *       the figure that moves; JavaCPP's {@code physicalBytes()} is the same quantity; the JVM heap is shown to make
 *       clear that it does <i>not</i> hold the tensors.</li>
 *   <li>Both: bytes in ND4J workspaces of this thread (where DL4J keeps activations and working memory during fit).</li>
 * </ul>
 */
public final class MemoryProbe {

    private MemoryProbe() {}

    /** The backend ND4J loaded. */
    public static Backend backend() {
        String b =
                String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().getOrDefault("backend", "CPU"));
        return b.toUpperCase().contains("CUDA") ? Backend.CUDA : Backend.CPU;
    }

    /** Takes a reading. */
    public static MemorySnapshot snapshot(String label) {
        Backend b = backend();
        Runtime rt = Runtime.getRuntime();
        long device = -1;
        long nd4jDevice = -1;
        if (b == Backend.CUDA) {
            long mib = NvidiaSmi.usedMiB(0);
            device = mib < 0 ? -1 : mib * 1024L * 1024L;
            try {
                nd4jDevice = AllocationsTracker.getInstance().bytesOnDevice(0);
                if (nd4jDevice <= 0) {
                    nd4jDevice = Nd4j.getMemoryManager().allocatedMemory(0);
                }
            } catch (RuntimeException e) {
                nd4jDevice = -1;
            }
        }
        return new MemorySnapshot(
                label,
                Instant.now(),
                b,
                rssBytes(),
                peakRssBytes(),
                Pointer.physicalBytes(),
                rt.totalMemory() - rt.freeMemory(),
                rt.maxMemory(),
                device,
                nd4jDevice,
                workspaceBytes());
    }

    /** Process RSS from /proc/self/status (VmRSS), falling back to JavaCPP's physicalBytes(). */
    public static long rssBytes() {
        long v = procStatus("VmRSS:");
        return v >= 0 ? v : Pointer.physicalBytes();
    }

    /** Peak RSS (VmHWM) since start or the last {@link #resetPeak()}; -1 when unknown. */
    public static long peakRssBytes() {
        return procStatus("VmHWM:");
    }

    /**
     * Resets the peak-RSS counter (Linux: writes 5 to /proc/self/clear_refs), so {@link #peakRssBytes()} measures a
     * single phase. Returns false when the OS does not allow it.
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Bytes reserved by the current thread's ND4J workspaces. */
    public static long workspaceBytes() {
        long sum = 0;
        try {
            List<MemoryWorkspace> ws = Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread();
            for (MemoryWorkspace w : ws) {
                sum += w.getCurrentSize();
            }
        } catch (RuntimeException e) {
            return -1;
        }
        return sum;
    }

    /**
     * Gives memory back between experiments, the analogue of {@code gc.collect(); torch.cuda.empty_cache()}: destroys
     * this thread's workspaces, runs the Java GC (ND4J frees native buffers when their Java objects are collected)
     * and purges ND4J's caches. Call it after dropping (or {@code close()}-ing) the network.
     */
    public static void cleanup() {
        try {
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        } catch (RuntimeException e) {
            // nothing to destroy
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            Nd4j.getMemoryManager().purgeCaches();
        } catch (RuntimeException e) {
            // CPU backend: nothing cached
        }
    }

    private static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
