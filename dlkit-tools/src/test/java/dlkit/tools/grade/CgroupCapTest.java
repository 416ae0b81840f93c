package dlkit.tools.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CgroupCapTest {

    /** A fork bomb in a capped cgroup gets as far as the cap and no further; the ended run's cgroup is swept. */
    @Test
    void aCappedCgroupStopsForksAtItsLimit() throws Exception {
        CgroupCap cap = CgroupCap.detect();
        assumeTrue(cap != null, "needs root and a writable pids cgroup (else prlimit's --nproc applies)");
        String script = "for i in $(seq 20); do sleep 1 & done; wait; echo forked 20";
        // with room for 21 processes the 20 forks succeed; with 8, dash stops at its first failed fork
        assertEquals(
                "forked 20",
                run(cap.enter(64, 1L << 30, List.of("/bin/sh", "-c", script))).strip());
        List<String> argv = cap.enter(8, 1L << 30, List.of("/bin/sh", "-c", script));
        Path cgroup = Path.of(argv.get(4)); // the pids cgroup: the first folder made
        String out = run(argv);
        assertTrue(out.contains("Cannot fork"), out);
        assertFalse(out.contains("forked"), out);
        for (int i = 0; i < 50 && Files.exists(cgroup); i++) {
            cap.sweep(Duration.ZERO);
            Thread.sleep(100);
        }
        assertFalse(Files.exists(cgroup), "the ended run's cgroup is swept");
    }

    /** A process that touches more memory than its cgroup allows is killed, not the machine's other work. */
    @Test
    void aRunawayIsKilledAtTheMemoryCap() throws Exception {
        CgroupCap cap = CgroupCap.detect();
        assumeTrue(cap != null && cap.capsMemory(), "needs root and a writable memory cgroup");
        // 600 MB of a string in sh's memory against a 200 MB cap
        List<String> argv = cap.enter(
                64,
                200L << 20,
                List.of("/bin/sh", "-c", "s=$(head -c 629145600 /dev/zero | tr '\\0' x); echo survived ${#s}"));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertFalse(out.contains("survived"), out);
        assertNotEquals(0, p.exitValue(), out);
        Path cgroup = Path.of(argv.get(4));
        for (int i = 0; i < 50 && Files.exists(cgroup); i++) {
            cap.sweep(Duration.ZERO);
            Thread.sleep(100);
        }
    }

    /** The grader starts a sandbox's kernel again when Java did not start in it: the same argv, a second time. */
    @Test
    void theSameSandboxStartsASecondTime() throws Exception {
        CgroupCap cap = CgroupCap.detect();
        assumeTrue(cap != null, "needs root and a writable pids cgroup");
        List<String> argv = cap.enter(8, 1L << 30, List.of("/bin/sh", "-c", "echo started"));
        assertEquals("started", run(argv).strip());
        assertEquals("started", run(argv).strip());
        Path cgroup = Path.of(argv.get(4));
        for (int i = 0; i < 50 && Files.exists(cgroup); i++) {
            cap.sweep(Duration.ZERO);
            Thread.sleep(100);
        }
        assertFalse(Files.exists(cgroup));
    }

    private static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void withoutACapTheReasonIsOneLineAndOnlyForRoot() {
        CgroupCap cap = CgroupCap.detect();
        String reason = CgroupCap.uncappedReason(cap);
        if (cap != null || !CgroupCap.isRoot()) {
            assertNull(reason);
        } else {
            assertEquals(1, reason.lines().count());
        }
    }
}
