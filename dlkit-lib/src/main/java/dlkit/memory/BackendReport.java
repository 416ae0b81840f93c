package dlkit.memory;

import dlkit.backend.Backend;
import dlkit.backend.BackendChoice;
import dlkit.backend.CudaSupport;
import dlkit.backend.GpuInfo;
import dlkit.backend.NvidiaSmi;
import dlkit.display.Renderable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What this session runs on: the ND4J backend in use (CPU or CUDA), the device, its total memory, compute
 * capability and driver (from ND4J's environment information and nvidia-smi), plus the one-line reason from
 * {@link BackendChoice} (e.g. why an H100 is not used). Renders as a two-column table.
 *
 * @param backend           the ND4J backend actually loaded
 * @param deviceName        GPU name on CUDA; CPU model on CPU
 * @param totalMemoryBytes  GPU memory on CUDA; physical RAM (or the cgroup limit, if smaller) on CPU
 * @param computeCapability "8.6" on CUDA; "-" on CPU
 * @param driver            NVIDIA driver version on CUDA; "-" on CPU
 * @param blas              BLAS vendor and threads, e.g. "OPENBLAS, 2 threads"
 * @param gpus              every GPU nvidia-smi lists (also when running on CPU)
 * @param reason            one line: which backend and why
 */
public record BackendReport(
        Backend backend,
        String deviceName,
        long totalMemoryBytes,
        String computeCapability,
        String driver,
        String blas,
        List<GpuInfo> gpus,
        String reason)
        implements Renderable {

    /** Reads ND4J's environment (this loads ND4J) and nvidia-smi. */
    public static BackendReport detect() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        List<GpuInfo> gpus = NvidiaSmi.query();
        return of(env, gpus, BackendChoice.decide(System.getenv(BackendChoice.ENV), gpus, BackendChoice.cudaBuild()));
    }

    /** Builds the report from ND4J's environment properties, nvidia-smi's GPUs and the backend decision (pure). */
    public static BackendReport of(Properties env, List<GpuInfo> gpus, BackendChoice choice) {
        String nd4j = String.valueOf(env.getOrDefault("backend", "CPU"));
        Backend backend = nd4j.toUpperCase().contains("CUDA") ? Backend.CUDA : Backend.CPU;
        String blas = env.getOrDefault("blas.vendor", "?") + ", "
                + env.getOrDefault("blas.threads", env.getOrDefault("omp.threads", "?")) + " threads";
        String reason = choice.reason();
        if (backend != choice.backend()) {
            reason = backend + ": ND4J loaded its " + nd4j + " backend (" + choice.reason() + ")";
        }
        if (backend == Backend.CUDA) {
            GpuInfo g = gpus.isEmpty() ? null : gpus.get(0);
            String name = g != null ? g.name() : "CUDA device 0";
            long total = g != null ? g.memoryTotalBytes() : -1;
            String cc = g != null ? g.computeCapability() : "?";
            if (cc.equals("?")) {
                java.util.OptionalInt arch = dlkit.backend.Nd4jCuda.currentDeviceArchitecture();
                if (arch.isPresent()) {
                    cc = arch.getAsInt() / 10 + "." + arch.getAsInt() % 10;
                }
            }
            Object infos = env.get("cuda.devicesInformation");
            if (infos instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> m) {
                if (g == null) {
                    name = String.valueOf(m.get("cuda.deviceName"));
                    cc = m.get("cuda.deviceMajor") + "." + m.get("cuda.deviceMinor");
                }
                if (total < 0 && m.get("cuda.totalMemory") instanceof Number n) {
                    total = n.longValue();
                }
            }
            return new BackendReport(backend, name, total, cc, g != null ? g.driverVersion() : "?", blas, gpus, reason);
        }
        return new BackendReport(backend, cpuName(), hostMemoryBytes(), "-", "-", blas, gpus, reason);
    }

    /** The figure memory use is compared with: GPU memory on CUDA, RAM on CPU. */
    public String memoryName() {
        return backend == Backend.CUDA ? "GPU memory" : "RAM";
    }

    /** e.g. "CPU (AMD EPYC, 23.4 GB RAM)" or "CUDA (Tesla T4, 15,360 MiB, compute capability 7.5)". */
    public String shortName() {
        if (backend == Backend.CUDA) {
            return String.format(
                    "CUDA (%s, %,.0f MiB, compute capability %s)",
                    deviceName, Bytes.mib(totalMemoryBytes), computeCapability);
        }
        return String.format("CPU (%s, %s RAM)", deviceName, Bytes.format(totalMemoryBytes));
    }

    /** Property/value table. */
    public Table toTable() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("backend", backend + (backend == Backend.CUDA ? " (" + CudaSupport.BACKEND + ")" : " (nd4j-native)"));
        rows.put("device", deviceName);
        rows.put(
                "total memory",
                totalMemoryBytes < 0
                        ? "n/a"
                        : String.format("%s (%,.0f MiB)", Bytes.format(totalMemoryBytes), Bytes.mib(totalMemoryBytes)));
        rows.put("compute capability", computeCapability);
        rows.put("driver", driver);
        rows.put("BLAS", blas);
        List<String> seen = new ArrayList<>();
        for (GpuInfo g : gpus) {
            seen.add(CudaSupport.explain(g));
        }
        rows.put("GPUs (nvidia-smi)", seen.isEmpty() ? "none" : String.join(" | ", seen));
        rows.put("reason", reason);
        Table t = Table.create("Backend");
        t.addColumns(StringColumn.create("property", rows.keySet()), StringColumn.create("value", rows.values()));
        return t;
    }

    /** What {@code DLKIT_BACKEND=auto} decides, with a CUDA build, on each of these GPUs: GPU, compute capability,
     * decision (the GPU rule of {@link BackendChoice#decide}, shown for GPUs this machine may not have). */
    public static Table decisions(List<GpuInfo> gpus) {
        StringColumn name = StringColumn.create("GPU");
        StringColumn cc = StringColumn.create("compute capability");
        StringColumn decision = StringColumn.create("decision");
        for (GpuInfo g : gpus) {
            name.append(g.name());
            cc.append(g.computeCapability());
            decision.append(BackendChoice.decide("auto", List.of(g), true).reason());
        }
        return Table.create("DLKIT_BACKEND=auto with a CUDA build", name, cc, decision);
    }

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text/plain", toString());
        m.put("text/html", Tables.html(toTable()));
        return m;
    }

    @Override
    public String toString() {
        return "Backend: " + shortName() + "\n" + reason;
    }

    static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip() + ", "
                            + Runtime.getRuntime().availableProcessors() + " cores";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** Physical RAM, or the cgroup memory limit when smaller; -1 when unknown. */
    static long hostMemoryBytes() {
        long total = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            total = -1;
        }
        for (String f : List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
            try {
                String s = Files.readString(Path.of(f)).strip();
                if (s.matches("[0-9]+")) {
                    long limit = Long.parseLong(s);
                    if (limit > 0 && (total < 0 || limit < total)) {
                        total = limit;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no cgroup limit there
            }
        }
        return total;
    }
}
