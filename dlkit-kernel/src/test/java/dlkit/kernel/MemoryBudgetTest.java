package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The memory rule: the options launch.sh passes, JavaCPP's limits, and what a real JVM makes of the options (its
 * heap is 70 % of MEM_LIMIT).
 */
class MemoryBudgetTest {

    private static final long FOUR_GB = 4L << 30;

    @Test
    void memLimitIsSplitSeventySixtyNinety() {
        MemoryBudget b = MemoryBudget.of(Map.of("MEM_LIMIT", Long.toString(FOUR_GB)));
        assertEquals(
                List.of("-XX:MaxRAM=4294967296", "-XX:MinRAMPercentage=70", "-XX:MaxRAMPercentage=70"), b.jvmOptions());
        assertEquals(
                Map.of(
                        "org.bytedeco.javacpp.maxbytes", "2457m",
                        "org.bytedeco.javacpp.maxphysicalbytes", "3686m"),
                b.offHeapLimits());
        assertEquals(
                "heap 2867 MB, ND4J off-heap <= 2457 MB, whole process <= 3686 MB (70 / 60 / 90 % of MEM_LIMIT 4096 MB)",
                b.describe());
    }

    @Test
    void dlkitHeapWinsAndLeavesOffHeapToJavaCpp() {
        MemoryBudget b = MemoryBudget.of(Map.of("DLKIT_HEAP", "4g", "MEM_LIMIT", "1073741824"));
        assertEquals(List.of("-Xmx4g"), b.jvmOptions());
        assertEquals(Map.of(), b.offHeapLimits());
        assertTrue(b.describe().startsWith("-Xmx4g (from DLKIT_HEAP"), b.describe());
    }

    @Test
    void neitherGivesTheJvmDefaults() {
        MemoryBudget b = MemoryBudget.of(Map.of());
        assertEquals(List.of(), b.jvmOptions());
        assertEquals(Map.of(), b.offHeapLimits());
        assertNull(b.describe());
    }

    @Test
    void badValuesAreNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MemoryBudget.of(Map.of("DLKIT_HEAP", "lots")));
        assertEquals("DLKIT_HEAP='lots' is not a size like 4g or 512m", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MemoryBudget.of(Map.of("DLKIT_HEAP", "4gg")));
        MemoryBudget b = MemoryBudget.of(Map.of("MEM_LIMIT", "2G"));
        assertEquals(List.of(), b.jvmOptions());
        assertEquals("MEM_LIMIT='2G' is not a byte count; ignoring it", b.ignoredReason());
        assertNull(b.describe());
        MemoryBudget small = MemoryBudget.of(Map.of("MEM_LIMIT", Long.toString(MemoryBudget.MIN_MEM_LIMIT - 1)));
        assertEquals(List.of(), small.jvmOptions());
        assertEquals(Map.of(), small.offHeapLimits());
        assertEquals("MEM_LIMIT=268435455 is below 256 MB; ignoring it", small.ignoredReason());
        assertEquals(
                "-XX:MaxRAM=268435456",
                MemoryBudget.of(Map.of("MEM_LIMIT", "268435456")).jvmOptions().get(0));
    }

    @Test
    void offHeapLimitsAreSetOnceAndAGivenOneWins() {
        String bytes = MemoryBudget.MAX_BYTES;
        String physical = MemoryBudget.MAX_PHYSICAL_BYTES;
        assertNull(System.getProperty(bytes), "nothing set it in this test JVM");
        System.setProperty(physical, "5g");
        try {
            assertNull(MemoryBudget.applyOffHeapLimits(Map.of("MEM_LIMIT", Long.toString(FOUR_GB))));
            assertEquals("2457m", System.getProperty(bytes));
            assertEquals("5g", System.getProperty(physical), "a -D given wins");
            // refused by launch.sh: no change here, and the reason for the kernel to print
            assertEquals(
                    "DLKIT_HEAP='x y' is not a size like 4g or 512m",
                    MemoryBudget.applyOffHeapLimits(Map.of("DLKIT_HEAP", "x y")));
            assertEquals(
                    "MEM_LIMIT='2G' is not a byte count; ignoring it",
                    MemoryBudget.applyOffHeapLimits(Map.of("MEM_LIMIT", "2G")));
            assertEquals("2457m", System.getProperty(bytes));
        } finally {
            System.clearProperty(bytes);
            System.clearProperty(physical);
        }
    }

    /** The heap the JVM sizes from the options: 70 % of MEM_LIMIT (rounded up to its 2 MB alignment). */
    @Test
    void aJvmStartedWithTheOptionsHasSeventyPercentOfMemLimitAsItsHeap() throws Exception {
        for (long limit : new long[] {FOUR_GB, 2L << 30, 512L << 20}) {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), MemoryBudget.COLLECTOR));
            cmd.addAll(
                    MemoryBudget.of(Map.of("MEM_LIMIT", Long.toString(limit))).jvmOptions());
            cmd.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
            long max = maxHeapSize(cmd);
            long want = limit * MemoryBudget.HEAP_PERCENT / 100;
            assertTrue(max >= want && max <= want + (4 << 20), limit + ": MaxHeapSize " + max + ", want " + want);
        }
    }

    private static long maxHeapSize(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[1].equals("MaxHeapSize")) {
                return Long.parseLong(f[3]);
            }
        }
        throw new AssertionError("no MaxHeapSize in " + out);
    }
}
