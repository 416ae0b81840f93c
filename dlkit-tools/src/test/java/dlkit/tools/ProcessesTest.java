package dlkit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child processes of setup, doctor and test: probes, pass-through, tee into a log; a missing program is 127. */
class ProcessesTest {
    @TempDir
    Path tmp;

    @Test
    void captureFeedsStdinAndDropsStderr() {
        Processes.Result r =
                Processes.capture(List.of("sh", "-c", "cat; echo oops >&2; exit 3"), Map.of(), null, "in\n", 30);
        assertEquals(new Processes.Result(3, "in\n"), r);
        assertEquals(
                127,
                Processes.capture(List.of(tmp.resolve("none").toString()), Map.of())
                        .code());
        assertEquals(
                "/",
                Processes.capture(List.of("pwd"), Map.of(), Path.of("/"), null, 30)
                        .out()
                        .strip());
        assertEquals(
                "v",
                Processes.capture(List.of("sh", "-c", "echo $X"), Map.of("X", "v"))
                        .out()
                        .strip());
    }

    @Test
    void teeKeepsALogOfStdoutAndStderr() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        System.setOut(new PrintStream(shown, true, StandardCharsets.UTF_8));
        try {
            Path log = tmp.resolve("part.log");
            assertEquals(1, Processes.tee(List.of("sh", "-c", "echo out; echo err >&2; exit 1"), Map.of(), tmp, log));
            assertEquals("out\nerr\n", Files.readString(log));
            assertEquals(127, Processes.tee(List.of(tmp.resolve("none").toString()), Map.of(), tmp, log));
            assertTrue(Files.readString(log).startsWith("dlkit: cannot run "), Files.readString(log));
        } finally {
            System.setOut(old);
        }
        assertTrue(shown.toString(StandardCharsets.UTF_8).startsWith("out\nerr\ndlkit: cannot run "));
    }

    @Test
    void passThroughToStderrCarriesStdoutThere() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, Processes.passThrough(List.of("echo", "pip says"), Map.of(), null, to));
        assertEquals("pip says\n", err.toString(StandardCharsets.UTF_8));
    }
}
