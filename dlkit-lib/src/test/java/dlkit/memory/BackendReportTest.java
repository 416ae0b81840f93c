package dlkit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.backend.Backend;
import dlkit.backend.BackendChoice;
import dlkit.backend.GpuInfo;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BackendReportTest {

    static final GpuInfo T4 = new GpuInfo(0, "Tesla T4", 7, 5, 15360, 346, "535.104.05");
    static final GpuInfo H100 = new GpuInfo(0, "NVIDIA H100 80GB HBM3", 9, 0, 81559, 1, "550.54.15");

    @Test
    void cpuWithUnsupportedGpuSaysSo() {
        Properties env = new Properties();
        env.put("backend", "CPU");
        env.put("blas.vendor", "OPENBLAS");
        env.put("blas.threads", "2");
        BackendReport r = BackendReport.of(env, List.of(H100), BackendChoice.decide("auto", List.of(H100), true));
        assertEquals(Backend.CPU, r.backend());
        assertEquals("-", r.computeCapability());
        assertTrue(r.reason().contains("NVIDIA H100 80GB HBM3") && r.reason().contains("cannot run"), r.reason());
        assertTrue(r.toTable().printAll().contains("cannot run nd4j-cuda-11.6"));
        assertTrue(r.mimeBundle().get("text/html").startsWith("<table>"));
    }

    @Test
    void cudaReportTakesTheGpu() {
        Properties env = new Properties();
        env.put("backend", "CUDA");
        env.put(
                "cuda.devicesInformation",
                List.of(Map.of(
                        "cuda.deviceName",
                        "Tesla T4",
                        "cuda.deviceMajor",
                        7,
                        "cuda.deviceMinor",
                        5,
                        "cuda.totalMemory",
                        15_843_721_216L)));
        BackendReport r = BackendReport.of(env, List.of(T4), BackendChoice.decide("auto", List.of(T4), true));
        assertEquals(Backend.CUDA, r.backend());
        assertEquals("Tesla T4", r.deviceName());
        assertEquals(15360L * 1024 * 1024, r.totalMemoryBytes());
        assertEquals("7.5", r.computeCapability());
        assertEquals("535.104.05", r.driver());
        assertTrue(r.shortName().startsWith("CUDA (Tesla T4, 15,360 MiB"), r.shortName());
    }

    @Test
    void detectOnThisMachine() {
        BackendReport r = BackendReport.detect();
        assertTrue(r.totalMemoryBytes() > 0);
        assertTrue(r.toString().startsWith("Backend: "));
    }
}
