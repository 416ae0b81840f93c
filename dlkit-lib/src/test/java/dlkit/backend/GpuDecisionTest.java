package dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions ./dlkit setup, doctor and kernel/launch.sh print (test_launcher.py runs them with a fake nvidia-smi). */
class GpuDecisionTest {

    static final GpuInfo T4 = gpu("0, Tesla T4, 7.5, 15360, 0, 535.104.05");
    static final GpuInfo A100 = gpu("0, NVIDIA A100-SXM4-40GB, 8.0, 40960, 0, 535.104.05");
    static final GpuInfo L4 = gpu("0, NVIDIA L4, 8.9, 23034, 0, 535.104.05");
    static final GpuInfo H100 = gpu("0, NVIDIA H100 80GB HBM3, 9.0, 81559, 1, 550.54.15");

    static GpuInfo gpu(String csv) {
        return NvidiaSmi.parse(csv + "\n").get(0);
    }

    @Test
    void autoBuildsCudaForEveryGpuUpTo8x() {
        for (GpuInfo g : List.of(T4, A100, L4)) {
            GpuDecision.Build b = GpuDecision.forBuild(null, List.of(g));
            assertTrue(b.cuda(), b.reason());
            assertEquals("cuda " + g.describe() + " can run nd4j-cuda-11.6 (1.0.0-M2.1): building it too", b.line());
        }
    }

    @Test
    void autoKeepsCpuForNoGpuAndNewerGpus() {
        GpuDecision.Build none = GpuDecision.forBuild("auto", List.of());
        assertEquals(
                "cpu no NVIDIA GPU found (nvidia-smi lists none or is not installed): CPU backend only", none.line());
        GpuDecision.Build h100 = GpuDecision.forBuild("auto", List.of(H100));
        assertFalse(h100.cuda());
        assertEquals(
                "cpu NVIDIA H100 80GB HBM3 (compute capability 9.0, 81559 MiB, driver 550.54.15) cannot run "
                        + "nd4j-cuda-11.6 (1.0.0-M2.1): it is built for sm_37..sm_86 with no PTX, so there is no code for sm_90;"
                        + " CPU backend only",
                h100.line());
        assertFalse(GpuDecision.forBuild(null, List.of(T4.withComputeCapability(3, 5)))
                .cuda());
        assertFalse(GpuDecision.forBuild(null, List.of(T4.withComputeCapability(-1, -1)))
                .cuda());
    }

    @Test
    void overrides() {
        assertEquals(
                "cpu DLKIT_BACKEND=cpu: CPU backend only",
                GpuDecision.forBuild("CPU", List.of(T4)).line());
        assertEquals(
                "cuda DLKIT_BACKEND=cuda: building nd4j-cuda-11.6 (1.0.0-M2.1) too (no GPU visible here)",
                GpuDecision.forBuild("cuda", List.of()).line());
        assertTrue(GpuDecision.forBuild("cuda", List.of(H100)).cuda(), "asked for: built, the kernel still falls back");
        assertFalse(GpuDecision.forBuild("typo", List.of()).cuda(), "an unknown value is auto");
    }

    @Test
    void runIsBackendChoice() {
        assertTrue(
                GpuDecision.forRun(null, List.of(L4), true).startsWith("cuda CUDA: NVIDIA L4 (compute capability 8.9"));
        assertTrue(GpuDecision.forRun(null, List.of(L4), false).startsWith("cpu CPU: NVIDIA L4"));
        assertTrue(GpuDecision.forRun(null, List.of(H100), true).startsWith("cpu CPU: NVIDIA H100"));
        assertEquals(
                "cpu CPU: DLKIT_BACKEND=cpu (GPU present but not used: Tesla T4).",
                GpuDecision.forRun("cpu", List.of(T4), true));
        for (GpuInfo g : List.of(T4, A100, L4, H100)) {
            assertFalse(GpuDecision.forRun(null, List.of(g), true).contains("\n"));
        }
    }

    @Test
    void doctorLines() {
        assertEquals(
                List.of(
                        "OK gpu: none found (no nvidia-smi on PATH); ND4J runs on the CPU",
                        "OK backend: DLKIT_BACKEND=auto, CPU build (nd4j-native) -> CPU: no NVIDIA GPU found"
                                + " (nvidia-smi lists none or is not installed)."),
                GpuDecision.doctor(null, List.of(), false, false));
        List<String> failing = GpuDecision.doctor(null, List.of(), true, false);
        assertTrue(failing.get(0).startsWith("WARN gpu: nvidia-smi is installed but lists no GPU"), failing.get(0));

        List<String> t4 = GpuDecision.doctor(null, List.of(T4), true, true);
        assertEquals("OK gpu: " + CudaSupport.explain(T4), t4.get(0));
        assertTrue(
                t4.get(1)
                        .startsWith(
                                "OK backend: DLKIT_BACKEND=auto, CUDA build (nd4j-cuda and nd4j-native) -> CUDA: Tesla T4"),
                t4.get(1));

        List<String> cpuBuild = GpuDecision.doctor(null, List.of(A100), true, false);
        assertTrue(cpuBuild.get(1).startsWith("WARN backend:"), cpuBuild.get(1));
        assertTrue(cpuBuild.get(1).endsWith("Run ./dlkit setup here: it adds the CUDA backend."), cpuBuild.get(1));
        assertTrue(GpuDecision.doctor("cuda", List.of(A100), true, false).get(1).startsWith("FAIL backend:"));

        List<String> h100 = GpuDecision.doctor(null, List.of(H100), true, true);
        assertTrue(h100.get(0).startsWith("WARN gpu: NVIDIA H100"), h100.get(0));
        assertTrue(h100.get(1).startsWith("WARN backend:") && h100.get(1).endsWith("continuing on CPU."), h100.get(1));

        assertTrue(
                GpuDecision.doctor("cpu", List.of(T4), true, true).get(1).startsWith("OK backend: DLKIT_BACKEND=cpu"));
        List<String> typo = GpuDecision.doctor("gpus", List.of(), false, false);
        assertEquals("FAIL backend: DLKIT_BACKEND=gpus is not cpu, cuda or auto; it is read as auto", typo.get(0));
        assertEquals(3, typo.size());
    }

    @Test
    void onPathFindsExecutablesOnly(@TempDir Path dir) throws IOException {
        Path tool = Files.writeString(dir.resolve("nvidia-smi"), "#!/bin/sh\n");
        assertFalse(GpuDecision.onPath("nvidia-smi", dir.toString()), "not executable yet");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(GpuDecision.onPath("nvidia-smi", "/nonexistent:" + dir));
        assertFalse(GpuDecision.onPath("nvidia-smi", "/nonexistent"));
        assertFalse(GpuDecision.onPath("nvidia-smi", null));
    }
}
