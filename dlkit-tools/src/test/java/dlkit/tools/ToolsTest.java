package dlkit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./dlkit's Java commands: help per command, one-line refusals with exit status 2 (no kernel starts here). */
class ToolsTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyCommandHasHelp() {
        for (String command :
                List.of("setup", "doctor", "test", "run", "release", "grade", "gradescope", "nbgrader-config")) {
            out.reset();
            assertEquals(0, Tools.execute(command, "--help"), command);
            assertTrue(out().startsWith("Usage: dlkit " + command), out());
        }
        assertTrue(out().contains("FILE"), out());
        out.reset();
        Tools.execute("grade", "--help");
        // run_autograder looks for --no-sandbox in grade's help before it passes it
        for (String option : List.of(
                "--source",
                "--timeout",
                "--wall",
                "--skip-invalid",
                "--no-sandbox",
                "--jobs",
                "--param",
                "--memory",
                "--slurm",
                "--k8s-manifest",
                "--collect",
                "--jobs-per-task",
                "--image")) {
            assertTrue(out().contains(option), option);
        }
    }

    @Test
    void aBadCommandLineIsOneLineNamingHelp() {
        assertEquals(2, Tools.execute("grade", "--bogus", "--source", "s.ipynb", "a.ipynb"));
        assertEquals(List.of("dlkit grade: Unknown option: '--bogus' (see ./dlkit grade --help)"), errLines());
        err.reset();
        assertEquals(2, Tools.execute("run"));
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(
                errLines().get(0).startsWith("dlkit run: Missing required parameter"),
                errLines().get(0));
        err.reset();
        assertEquals(2, Tools.execute("grade", "--timeout", "soon", "--source", "s.ipynb", "a.ipynb"));
        assertTrue(
                errLines().get(0).startsWith("dlkit grade: Invalid value for option '--timeout'"),
                errLines().get(0));
        err.reset();
        assertEquals(2, Tools.execute("release", "-o"));
        assertEquals(1, errLines().size(), errLines().toString());
    }

    @Test
    void gradeChecksItsOptionsBeforeAnythingRuns() {
        assertEquals(2, Tools.execute("grade", "a.ipynb"));
        assertTrue(
                errLines().get(0).startsWith("dlkit grade: no --source given"),
                errLines().toString());
        err.reset();
        assertEquals(2, Tools.execute("grade", "--source", "s.ipynb"));
        assertTrue(
                errLines().get(0).startsWith("dlkit grade: no submission given"),
                errLines().toString());
        err.reset();
        assertEquals(2, Tools.execute("grade", "--timeout", "0", "--source", "s.ipynb", "a.ipynb"));
        assertEquals(List.of("dlkit grade: --timeout 0: expected a whole number of seconds > 0"), errLines());
        err.reset();
        assertEquals(2, Tools.execute("grade", "--jobs", "-1", "--source", "s.ipynb", "a.ipynb"));
        assertEquals(List.of("dlkit grade: --jobs -1: expected a whole number > 0"), errLines());
        err.reset();
        assertEquals(
                2, Tools.execute("grade", "--source", tmp.resolve("none.ipynb").toString(), "a.ipynb", "--no-sandbox"));
        assertEquals(List.of("dlkit grade: " + tmp.resolve("none.ipynb") + ": no such file"), errLines());
    }

    @Test
    void clusterModesAreRefusedWithOneLine() {
        assertEquals(2, Tools.execute("grade", "--slurm", "--source", "s.ipynb", "notes.txt", "-o", "out"));
        assertTrue(
                errLines().get(0).startsWith("dlkit grade: notes.txt: not a notebook"),
                errLines().toString());
        err.reset();
        assertEquals(2, Tools.execute("grade", "--collect", "out", "a.ipynb"));
        assertEquals(1, errLines().size());
        assertTrue(
                errLines().get(0).startsWith("dlkit grade: --collect OUT takes nothing else"),
                errLines().get(0));
    }

    @Test
    void nbgraderConfigIsPrintedOrWritten() throws Exception {
        assertEquals(0, Tools.execute("nbgrader-config"));
        assertTrue(out().contains("c."), out());
        Path f = tmp.resolve("course/nbgrader_config.py");
        assertEquals(0, Tools.execute("nbgrader-config", f.toString()));
        assertTrue(Files.readString(f).contains("c."));
    }

    @Test
    void aBadTestPartIsOneLineBeforeAnythingRuns() {
        assertEquals(2, Tools.execute("test", "junit", "unit"));
        assertEquals(
                List.of("dlkit test: 'unit' is neither junit, junit=PATTERN nor a test_NAME module of "
                        + "src/test/python (see ./dlkit test --help)"),
                errLines());
        assertEquals("", out());
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, Tools.execute("--help"));
        for (String command : List.of(
                "setup",
                "run",
                "test",
                "doctor",
                "release",
                "grade",
                "gradescope",
                "nbgrader-config",
                "notebook",
                "bench")) {
            assertTrue(out().contains("  " + command + " "), command);
        }
    }

    @Test
    void noCommandIsRefused() {
        assertEquals(2, Tools.execute());
        assertEquals(List.of("dlkit: give a command; see ./dlkit help"), errLines());
    }
}
