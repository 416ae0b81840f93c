package dlkit.tools.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's exit status decides a second run: only when no cell ran (the kernel or Java did not start). */
class ExecutorTest {

    private static final String NOT_STARTED =
            "dlkit grade: the kernel did not start: RuntimeError: Kernel didn't respond in 60 seconds";

    /** A stand-in for Python running execute.py: exits with the given statuses in turn, counting its runs. */
    private static Path driver(Path dir, int... statuses) throws Exception {
        StringBuilder s = new StringBuilder("#!/bin/sh\ncat > /dev/null\n")
                .append("n=$(cat \"$0.count\" 2>/dev/null || echo 0); echo $((n + 1)) > \"$0.count\"\n")
                .append("case $n in\n");
        for (int i = 0; i < statuses.length; i++) {
            s.append(i).append(") st=").append(statuses[i]).append(" ;;\n");
        }
        s.append("*) st=0 ;;\nesac\n")
                .append("if [ $st = 6 ]; then echo \"")
                .append(NOT_STARTED)
                .append("\" >&2; echo 'AssertionError: ' >&2; exit 6; fi\n")
                .append("echo '{}' > \"$2\"; exit $st\n");
        Path p = dir.resolve("python");
        Files.writeString(p, s.toString());
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static int runs(Path driver) throws Exception {
        return Integer.parseInt(
                Files.readString(driver.resolveSibling("python.count")).strip());
    }

    @Test
    void aKernelThatDidNotStartIsStartedOnceMore(@TempDir Path tmp) throws Exception {
        Path python = driver(tmp, 6, 0);
        Executor.Result r = new Executor(python.toString(), "dlkit", 10, 60).run("{}", tmp, tmp);
        assertEquals(0, r.exitCode(), r.log());
        assertNotNull(r.notebook());
        assertEquals("the kernel did not start: RuntimeError: Kernel didn't respond in 60 seconds", r.retried());
        assertEquals(2, runs(python));
    }

    @Test
    void onlyOnceMore(@TempDir Path tmp) throws Exception {
        Path python = driver(tmp, 6, 6, 0);
        Executor.Result r = new Executor(python.toString(), "dlkit", 10, 60).run("{}", tmp, tmp);
        assertEquals(Executor.KERNEL_DID_NOT_START, r.exitCode());
        assertEquals(2, runs(python));
        // the driver's own line, not nbclient's clean-up noise after it
        assertEquals(NOT_STARTED.substring("dlkit grade: ".length()), Executor.reason(r.log()));
    }

    @Test
    void aRunWhoseCellsRanIsNotRepeated(@TempDir Path tmp) throws Exception {
        Path python = driver(tmp, 5);
        Executor.Result r = new Executor(python.toString(), "dlkit", 10, 60).run("{}", tmp, tmp);
        assertEquals(5, r.exitCode());
        assertNull(r.retried());
        assertEquals(1, runs(python));
    }

    /** A zombie (exited, not yet reaped) is not waited for: Java alone counts it as alive. */
    @Test
    void aZombieIsNotRunning() throws Exception {
        Process parent = new ProcessBuilder(
                        "/bin/sh", "-c", "sleep 0.1 & exec sleep 30") // the shell's exec leaves its child unreaped
                .start();
        try {
            ProcessHandle child = null;
            for (int i = 0; i < 50 && child == null; i++) {
                child = parent.toHandle().children().findFirst().orElse(null);
                Thread.sleep(20);
            }
            org.junit.jupiter.api.Assertions.assertNotNull(child, "no child process");
            Thread.sleep(500); // it has exited by now; nobody reaps it while its parent lives
            org.junit.jupiter.api.Assertions.assertTrue(child.isAlive(), "Java counts the zombie as alive");
            org.junit.jupiter.api.Assertions.assertFalse(Executor.running(child));
            org.junit.jupiter.api.Assertions.assertTrue(Executor.running(parent.toHandle()));
        } finally {
            parent.destroyForcibly();
        }
    }
}
