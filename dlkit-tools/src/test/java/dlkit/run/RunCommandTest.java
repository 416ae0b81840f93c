package dlkit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives RunCommand with a stand-in for "python -m nbconvert": a shell script that records its arguments
 * and working directory, and writes the notebook it got on stdin (plus an output chosen by the test).
 */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path fakePython(String outputJson) throws Exception {
        Path script = dir.resolve("fake-python");
        Files.writeString(
                script,
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "echo \"$PWD\" >> '" + dir.resolve("cwd.log") + "'",
                        "echo \"$@\" >> '" + dir.resolve("args.log") + "'",
                        "out=; name=; html=0",
                        "while [ $# -gt 0 ]; do",
                        "  case \"$1\" in --output-dir) out=$2; shift;; --output) name=$2; shift;; html) html=1;; esac",
                        "  shift",
                        "done",
                        "if [ $html = 1 ]; then for f in \"$out\"/*.ipynb; do : > \"${f%.ipynb}.html\"; done; exit 0; fi",
                        "cat > '" + dir.resolve("stdin.json") + "'",
                        "sed 's/\"outputs\": \\[\\]/\"outputs\": " + outputJson.replace("/", "\\/") + "/' '"
                                + dir.resolve("stdin.json") + "' > \"$out/$name.ipynb\"",
                        ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Path notebook(String name, String text) throws Exception {
        Path nbDir = Files.createDirectories(dir.resolve("notebooks"));
        Path nb = nbDir.resolve(name);
        Files.writeString(nb, text);
        return nb;
    }

    private int run(Path python, String... rest) {
        String[] args = new String[rest.length + 4];
        args[0] = "--python";
        args[1] = python.toString();
        args[2] = "--build-dir";
        args[3] = dir.resolve("build").toString();
        System.arraycopy(rest, 0, args, 4, rest.length);
        return RunCommand.run(args, Map.of("DLKIT_CELL_TIMEOUT", "77"));
    }

    @Test
    void executesInjectsAndWritesBothOutputs() throws Exception {
        Path python = fakePython("[]");
        Path nb = notebook(
                "train.ipynb",
                Notebooks.javaNotebook(Notebooks.code("int epochs = 10;", "parameters"), Notebooks.code("epochs")));
        assertEquals(0, run(python, nb.toString(), "-p", "epochs=2"));
        assertTrue(Files.exists(dir.resolve("build/train.ipynb")));
        assertTrue(Files.exists(dir.resolve("build/train.html")));
        String sent = Files.readString(dir.resolve("stdin.json"));
        assertTrue(sent.contains("int epochs = 2;"), sent);
        assertTrue(sent.contains("injected-parameters"), sent);
        assertEquals(
                nb.getParent().toString(),
                Files.readString(dir.resolve("cwd.log")).lines().findFirst().get(),
                "the kernel runs in the notebook's folder");
        String args = Files.readString(dir.resolve("args.log"));
        assertTrue(args.contains("--ExecutePreprocessor.kernel_name=dlkit"), args);
        assertTrue(args.contains("--ExecutePreprocessor.timeout=77"), args);
        assertTrue(args.contains("--allow-errors"), args);
        assertEquals(
                Notebooks.javaNotebook(Notebooks.code("int epochs = 10;", "parameters"), Notebooks.code("epochs")),
                Files.readString(nb),
                "the source notebook is untouched");
    }

    @Test
    void aFailedCellGivesExitOneAndKeepsTheExecutedNotebook() throws Exception {
        Path python = fakePython(
                "[{\"output_type\": \"error\", \"ename\": \"E\", \"evalue\": \"boom\", " + "\"traceback\": []}]");
        Path nb = notebook("bad.ipynb", Notebooks.javaNotebook(Notebooks.code("throw new RuntimeException();")));
        assertEquals(1, run(python, nb.toString()));
        String executed = Files.readString(dir.resolve("build/bad.ipynb"));
        assertTrue(executed.contains("\"boom\""), executed);
    }

    @Test
    void invalidNotebookStopsBeforeAnythingRunsOrIsOverwritten() throws Exception {
        Path python = fakePython("[]");
        Path good = notebook("good.ipynb", Notebooks.javaNotebook(Notebooks.code("1")));
        Path bad = notebook("py.ipynb", Notebooks.notebook(4, 5, "python"));
        Path old = Files.createDirectories(dir.resolve("build")).resolve("good.ipynb");
        Files.writeString(old, "previous");
        assertEquals(2, run(python, good.toString(), bad.toString()));
        assertFalse(Files.exists(dir.resolve("args.log")), "nbconvert must not run");
        assertEquals("previous", Files.readString(old));
    }

    @Test
    void unknownParameterStopsTheRun() throws Exception {
        Path python = fakePython("[]");
        Path nb = notebook("p.ipynb", Notebooks.javaNotebook(Notebooks.code("int epochs = 1;", "parameters")));
        assertEquals(2, run(python, nb.toString(), "-p", "epoch=2"));
        assertFalse(Files.exists(dir.resolve("args.log")));
    }

    @Test
    void nbconvertFailureIsReported() throws Exception {
        Path python = dir.resolve("failing-python");
        Files.writeString(python, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path nb = notebook("x.ipynb", Notebooks.javaNotebook(Notebooks.code("1")));
        assertEquals(3, run(python, nb.toString()));
    }

    @Test
    void optionsAreChecked() {
        assertThrows(NotebookException.class, () -> RunOptions.parse(new String[] {}, Map.of()));
        assertThrows(NotebookException.class, () -> RunOptions.parse(new String[] {"a.txt"}, Map.of()));
        assertThrows(NotebookException.class, () -> RunOptions.parse(new String[] {"a.ipynb", "-p"}, Map.of()));
        assertThrows(NotebookException.class, () -> RunOptions.parse(new String[] {"a.ipynb", "--bogus"}, Map.of()));
        assertThrows(
                NotebookException.class,
                () -> RunOptions.parse(new String[] {"a.ipynb"}, Map.of("DLKIT_CELL_TIMEOUT", "soon")));
    }

    @Test
    void timeoutDefaultsToHalfAnHour() throws Exception {
        assertEquals(1800, RunOptions.parse(new String[] {"a.ipynb"}, Map.of()).cellTimeoutSeconds());
        assertEquals(
                -1,
                RunOptions.parse(new String[] {"a.ipynb"}, Map.of("DLKIT_CELL_TIMEOUT", "-1"))
                        .cellTimeoutSeconds());
        assertEquals(
                Map.of("epochs", "2"),
                RunOptions.parse(new String[] {"-pepochs=2", "a.ipynb"}, Map.of())
                        .parameters());
    }

    @Test
    void twoNotebooksWithOneNameAreRefused() throws Exception {
        Path python = fakePython("[]");
        Path a = notebook("same.ipynb", Notebooks.javaNotebook());
        Path b = Files.createDirectories(dir.resolve("other")).resolve("same.ipynb");
        Files.writeString(b, Notebooks.javaNotebook());
        assertEquals(2, run(python, a.toString(), b.toString()));
    }
}
