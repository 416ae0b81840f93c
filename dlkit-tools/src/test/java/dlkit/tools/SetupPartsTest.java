package dlkit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of ./dlkit setup and doctor that need no Jupyter: launch.conf, the kernelspec's place, the pin report's
 * reading, the JDK-sources rule, which Python is DLKit's. The whole commands run in test_launcher (fake checkouts).
 */
class SetupPartsTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();

    private Checkout checkout(String python, Map<String, String> env) throws Exception {
        Path home = tmp.resolve("it's home");
        Files.createDirectories(home.resolve("kernel"));
        Files.writeString(home.resolve("kernel/kernel.json"), "{}");
        Files.writeString(home.resolve("kernel/launch.sh"), "#!/bin/sh\n");
        return new Checkout(
                home,
                tmp.resolve("build"),
                Path.of("/opt/jdk/bin/java"),
                python,
                env,
                new PrintStream(said, true, StandardCharsets.UTF_8),
                false);
    }

    @Test
    void launchConfNamesWhatTheKernelNeedsQuotedForSh() throws Exception {
        Checkout c = checkout("/usr/bin/python3", Map.of());
        Path staged = Kernelspec.stage(c);
        assertEquals("{}", Files.readString(staged.resolve("kernel.json")));
        Map<String, String> conf = Kernelspec.readConf(staged.resolve("launch.conf"));
        // the kernel gets lib/ (kernel, library, their jars), not the tools' dlkit.jar
        assertEquals(
                Map.of(
                        "java_bin",
                        "/opt/jdk/bin/java",
                        "class_path",
                        c.build() + "/lib/*",
                        "python_bin",
                        "/usr/bin/python3",
                        "mem_limit_options",
                        "-XX:MinRAMPercentage=70 -XX:MaxRAMPercentage=70",
                        "min_mem_limit",
                        "268435456",
                        "collector",
                        "-XX:+UseSerialGC",
                        "cuda_build",
                        "0"),
                conf);
        assertFalse(conf.containsKey("cds_archive"), "no archive recorded: none named");

        Files.writeString(c.build().resolve(CdsArchive.NAME), "x");
        assertEquals(
                c.build() + "/dlkit.jsa",
                Kernelspec.readConf(Kernelspec.stage(c).resolve("launch.conf")).get("cds_archive"));
        Path plain = Files.writeString(tmp.resolve("plain"), "x"); // what a file written in place gets (umask)
        assertEquals(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(staged.resolve("launch.conf"))));
        try (var files = Files.list(staged)) { // staged again over the first: nothing written aside is left
            assertEquals(
                    List.of("kernel.json", "launch.conf", "launch.sh"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals("'it'\\''s'", Kernelspec.sq("it's"));
        assertEquals(
                tmp + "/it's home",
                Kernelspec.readConf(write("home=" + Kernelspec.sq(tmp + "/it's home")))
                        .get("home"));
    }

    private Path write(String text) throws Exception {
        Path f = tmp.resolve("conf");
        Files.writeString(f, "# comment\n" + text + "\n");
        return f;
    }

    @Test
    void installedKernelspecIsComparedFileByFile() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("launch.conf"), "x=1");
        assertFalse(Kernelspec.sameFiles(a, tmp.resolve("none")));
        assertFalse(Kernelspec.sameFiles(a, b));
        Files.writeString(b.resolve("launch.conf"), "x=1");
        assertTrue(Kernelspec.sameFiles(a, b));
        Files.writeString(b.resolve("launch.conf"), "x=2");
        assertFalse(Kernelspec.sameFiles(a, b));
    }

    @Test
    void kernelspecGoesWhereJupyterLooksFirst() {
        assertEquals(Path.of("/j/kernels/dlkit"), Kernelspec.userDir(Map.of("JUPYTER_DATA_DIR", "/j", "HOME", "/h")));
        assertEquals(Path.of("/x/jupyter/kernels/dlkit"), Kernelspec.userDir(Map.of("XDG_DATA_HOME", "/x")));
        assertEquals(Path.of("/h/.local/share/jupyter/kernels/dlkit"), Kernelspec.userDir(Map.of("HOME", "/h")));
    }

    @Test
    void pinsAreReadFromThePythonsReport() throws Exception {
        Path py = tmp.resolve("python");
        Files.writeString(py, "#!/bin/sh\ncat >/dev/null\necho 'differs nbformat 5.9 5.10'\necho 'missing tqdm'\n");
        assertTrue(py.toFile().setExecutable(true));
        Checkout c = checkout(py.toString(), System.getenv());
        List<Pins.Unmet> unmet = Pins.check(c, c.requirements()).orElseThrow();
        assertEquals(List.of(new Pins.Unmet("nbformat", "5.9", "5.10"), new Pins.Unmet("tqdm", null, null)), unmet);
        assertEquals("tqdm", Pins.missingNames(unmet));
        assertTrue(
                Pins.check(checkout(tmp.resolve("no-python").toString(), System.getenv()), c.requirements())
                        .isEmpty(),
                "a Python that does not run is no report");
    }

    @Test
    void debianJdkWithoutSourcesHasADanglingSrcZip() throws Exception {
        Path jdk = Files.createDirectories(tmp.resolve("jdk/lib"));
        assertFalse(
                DebianPackages.jdkWithoutSources(jdk.getParent()), "another JDK without sources: nothing to install");
        Files.createSymbolicLink(jdk.resolve("src.zip"), Path.of("../../openjdk-17/src.zip"));
        assertTrue(DebianPackages.jdkWithoutSources(jdk.getParent()));
    }

    @Test
    void dlkitsOwnVenvIsTheOneInBuild() throws Exception {
        Checkout c = checkout(tmp.resolve("it's home/build/venv/bin/python").toString(), Map.of());
        assertTrue(c.ownVenv());
        assertEquals("build/venv", c.shown(c.venv()));
        assertFalse(checkout("/opt/conda/bin/python", Map.of()).ownVenv());
        assertEquals(
                "/opt/conda/bin/python",
                checkout("/opt/conda/bin/python", Map.of()).pythonPath());
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("python3"), "");
        assertTrue(bin.resolve("python3").toFile().setExecutable(true));
        assertEquals(
                bin.resolve("python3").toString(),
                checkout("python3", Map.of("PATH", "/nowhere:" + bin)).pythonPath());
    }
}
