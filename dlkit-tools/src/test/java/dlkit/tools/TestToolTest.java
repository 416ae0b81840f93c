package dlkit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./dlkit test's selection of parts and their order (the running itself: test_launcher, CI). */
class TestToolTest {
    @TempDir
    Path tests;

    @Test
    void nothingNamedRunsEverything() throws Exception {
        TestTool.Selection all = TestTool.select(List.of(), tests);
        assertTrue(all.junit());
        assertEquals(List.of(), all.junitArgs());
        assertTrue(all.runs("test_anything"));
    }

    @Test
    void namedPartsRunAlone() throws Exception {
        Files.writeString(tests.resolve("test_launcher.py"), "");
        TestTool.Selection py = TestTool.select(List.of("test_launcher.py"), tests);
        assertFalse(py.junit());
        assertTrue(py.runs("test_launcher"));
        assertFalse(py.runs("test_binder"));

        TestTool.Selection junit = TestTool.select(List.of("junit=ToolsTest,Gpu*Test", "test_launcher"), tests);
        assertTrue(junit.junit());
        assertEquals(
                List.of("-Dtest=ToolsTest,Gpu*Test", "-Dsurefire.failIfNoSpecifiedTests=false"), junit.junitArgs());
        assertTrue(junit.runs("test_launcher"));

        TestTool.Selection onlyJunit = TestTool.select(List.of("junit"), tests);
        assertTrue(onlyJunit.junit());
        assertFalse(onlyJunit.runs("test_launcher"), "junit alone runs no Python module");
    }

    @Test
    void badPartsAreNamed() {
        assertEquals(
                "no src/test/python/test_nope.py",
                assertThrows(SetupException.class, () -> TestTool.select(List.of("test_nope"), tests))
                        .getMessage());
        assertEquals(
                "'unit' is neither junit, junit=PATTERN nor a test_NAME module of src/test/python",
                assertThrows(SetupException.class, () -> TestTool.select(List.of("unit"), tests))
                        .getMessage());
    }

    @Test
    void browserTestsRunLast() {
        assertEquals(
                List.of("test_a", "test_launcher", "test_browser", "test_browser_widgets"),
                TestTool.order(List.of("test_browser_widgets", "test_launcher", "test_browser", "test_a")));
    }
}
