package dlkit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOptionsTest {

    @Test
    void pythonDefaultsToDlkitPythonThenTheVenvThenPath(@TempDir Path dir) throws IOException {
        Path checkout = dir.resolve("checkout");
        assertEquals("python3", RunOptions.defaultPython(Map.of(), List.of(checkout)));
        Path venv = checkout.resolve("build/venv/bin/python");
        Files.createDirectories(venv.getParent());
        Files.writeString(venv, "#!/bin/sh\n");
        Files.setPosixFilePermissions(venv, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(venv.toString(), RunOptions.defaultPython(Map.of(), List.of(dir.resolve("other"), checkout)));
        assertEquals(
                "/opt/conda/bin/python",
                RunOptions.defaultPython(Map.of("DLKIT_PYTHON", "/opt/conda/bin/python"), List.of(checkout)));
    }

    @Test
    void explicitPythonWins() throws NotebookException {
        assertEquals(
                "/x/python",
                RunOptions.parse(new String[] {"a.ipynb", "--python", "/x/python"}, Map.of("DLKIT_PYTHON", "/y/python"))
                        .python());
        assertEquals(
                "/y/python",
                RunOptions.parse(new String[] {"a.ipynb"}, Map.of("DLKIT_PYTHON", "/y/python"))
                        .python());
    }
}
