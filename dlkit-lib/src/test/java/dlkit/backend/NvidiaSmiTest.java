package dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiTest {

    static final String T4 = "0, Tesla T4, 7.5, 15360, 346, 535.104.05\n";
    static final String H100 = "0, NVIDIA H100 80GB HBM3, 9.0, 81559, 1, 550.54.15\n";

    @Test
    void parsesT4() {
        List<GpuInfo> g = NvidiaSmi.parse(T4);
        assertEquals(1, g.size());
        GpuInfo t4 = g.get(0);
        assertEquals(0, t4.index());
        assertEquals("Tesla T4", t4.name());
        assertEquals("7.5", t4.computeCapability());
        assertEquals("sm_75", t4.smName());
        assertEquals(15360, t4.memoryTotalMiB());
        assertEquals(346, t4.memoryUsedMiB());
        assertEquals(346L * 1024 * 1024, t4.memoryUsedBytes());
        assertEquals("535.104.05", t4.driverVersion());
    }

    @Test
    void parsesSeveralGpusAndSkipsJunk() {
        String out = "index, name, compute_cap, memory.total [MiB], memory.used [MiB], driver_version\n" + T4
                + "1, NVIDIA GeForce RTX 4090, 8.9, 24564, 2, 550.54.15\r\n\n";
        List<GpuInfo> g = NvidiaSmi.parse(out);
        assertEquals(2, g.size());
        assertEquals("NVIDIA GeForce RTX 4090", g.get(1).name());
        assertEquals(8, g.get(1).ccMajor());
        assertEquals(9, g.get(1).ccMinor());
    }

    @Test
    void notAvailableFieldsBecomeUnknown() {
        GpuInfo g = NvidiaSmi.parse("0, Some GPU, [N/A], 8192, [N/A], 470.1\n").get(0);
        assertEquals(-1, g.ccMajor());
        assertEquals("?", g.computeCapability());
        assertEquals(-1, g.memoryUsedMiB());
        assertEquals(8192, g.memoryTotalMiB());
    }

    @Test
    void oldDriversGuessComputeCapabilityFromName() {
        GpuInfo g = NvidiaSmi.parseOld("0, Tesla V100-SXM2-16GB, 16160, 0, 450.80.02\n")
                .get(0);
        assertEquals("7.0", g.computeCapability());
        assertEquals(16160, g.memoryTotalMiB());
        assertEquals(
                "9.0",
                String.join(
                        ".",
                        java.util.Arrays.stream(NvidiaSmi.guessComputeCapability("NVIDIA H100 PCIe"))
                                .mapToObj(String::valueOf)
                                .toList()));
    }

    @Test
    void emptyOutputGivesNoGpus() {
        assertTrue(NvidiaSmi.parse("").isEmpty());
        assertTrue(NvidiaSmi.parse("No devices were found\n").isEmpty());
    }
}
