package dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendChoiceTest {

    static final GpuInfo T4 = NvidiaSmi.parse(NvidiaSmiTest.T4).get(0);
    static final GpuInfo H100 = NvidiaSmi.parse(NvidiaSmiTest.H100).get(0);

    @Test
    void normalisesTheVariable() {
        assertEquals("auto", BackendChoice.normalise(null));
        assertEquals("auto", BackendChoice.normalise(" whatever "));
        assertEquals("cpu", BackendChoice.normalise("CPU"));
        assertEquals("cuda", BackendChoice.normalise("Cuda"));
    }

    @Test
    void supportedGpuWithCudaBuildUsesCuda() {
        BackendChoice c = BackendChoice.decide("auto", List.of(T4), true);
        assertEquals(Backend.CUDA, c.backend());
        assertFalse(c.fellBack());
        assertTrue(c.reason().startsWith("CUDA: Tesla T4 (compute capability 7.5"), c.reason());
        assertFalse(c.reason().contains("\n"));
    }

    @Test
    void h100FallsBackToCpuWithOneClearLine() {
        for (String req : new String[] {"auto", "cuda", null}) {
            BackendChoice c = BackendChoice.decide(req, List.of(H100), true);
            assertEquals(Backend.CPU, c.backend());
            assertTrue(c.fellBack());
            assertTrue(c.reason().startsWith("CPU: NVIDIA H100 80GB HBM3 (compute capability 9.0"), c.reason());
            assertTrue(c.reason().contains("cannot run nd4j-cuda-11.6"), c.reason());
            assertTrue(c.reason().endsWith("continuing on CPU."), c.reason());
            assertFalse(c.reason().contains("\n"));
        }
    }

    @Test
    void simulatedComputeCapability() {
        // The same T4, pretending to be compute capability 9.0 / 8.9 / 3.5
        assertEquals(
                Backend.CPU,
                BackendChoice.decide("auto", List.of(T4.withComputeCapability(9, 0)), true)
                        .backend());
        BackendChoice ada = BackendChoice.decide("auto", List.of(T4.withComputeCapability(8, 9)), true);
        assertEquals(Backend.CUDA, ada.backend());
        assertTrue(ada.reason().contains("via its sm_86 code"), ada.reason());
        BackendChoice kepler = BackendChoice.decide("auto", List.of(T4.withComputeCapability(3, 5)), true);
        assertEquals(Backend.CPU, kepler.backend());
        assertTrue(kepler.reason().contains("older than sm_37"), kepler.reason());
    }

    @Test
    void cpuBuildOrNoGpuOrForcedCpu() {
        BackendChoice noBuild = BackendChoice.decide("auto", List.of(T4), false);
        assertEquals(Backend.CPU, noBuild.backend());
        assertTrue(noBuild.reason().contains("./dlkit setup on this machine adds it"), noBuild.reason());
        BackendChoice none = BackendChoice.decide("auto", List.of(), true);
        assertEquals(Backend.CPU, none.backend());
        assertFalse(none.fellBack());
        assertTrue(BackendChoice.decide("cuda", List.of(), true).fellBack());
        BackendChoice forced = BackendChoice.decide("cpu", List.of(T4), true);
        assertEquals(Backend.CPU, forced.backend());
        assertTrue(forced.reason().contains("DLKIT_BACKEND=cpu"), forced.reason());
    }

    @Test
    void detectGivesOneLine() {
        BackendChoice c = BackendChoice.detect();
        assertFalse(c.reason().isBlank());
        assertFalse(c.reason().contains("\n"));
        if (NvidiaSmi.query().isEmpty()) {
            assertEquals(Backend.CPU, c.backend());
        }
    }
}
