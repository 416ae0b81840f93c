package dlkit.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox's kernelspec (what is bound, how, with which limits), hidden-test redaction and size options. */
class SandboxTest {

    @Test
    void launchConfIsReadWithShellQuotes() {
        Map<String, String> conf = Sandbox.parseConf("# comment\njava_bin='/usr/lib/jvm/x/bin/java'\n"
                + "class_path='/a b/dlkit.jar:/a b/lib/*'\npython_bin='/v/it'\\''s/python'\n");
        assertEquals("/usr/lib/jvm/x/bin/java", conf.get("java_bin"));
        assertEquals("/a b/dlkit.jar:/a b/lib/*", conf.get("class_path"));
        assertEquals("/v/it's/python", conf.get("python_bin"));
    }

    @Test
    void kernelspecStartsTheKernelIsolatedWithOnlyWhatItNeeds(@TempDir Path tmp) throws Exception {
        Path spec = Files.createDirectories(tmp.resolve("spec"));
        Path build = Files.createDirectories(tmp.resolve("build"));
        Files.createDirectories(build.resolve("lib"));
        Files.writeString(build.resolve("dlkit.jar"), "");
        Files.writeString(spec.resolve("launch.sh"), "#!/bin/sh\n");
        Files.writeString(spec.resolve("launch.conf"), "class_path='" + build.resolve("dlkit.jar") + ":"
                + build.resolve("lib") + "/*'\n");
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path conn = Files.createDirectories(run.resolve("conn"));
        Sandbox box = Sandbox.open("/usr/bin/bwrap", spec);
        Path jupyter = box.prepare(run, home, conn, new Sandbox.Limits(1L << 30, 100, 1L << 20, 64, 512),
                Map.of("DLKIT_GRADING_ALLOW", "java.lang.ProcessBuilder"), "k");
        JsonArray a = JsonParser.parseString(Files.readString(jupyter.resolve("kernels/k/kernel.json")))
                .getAsJsonObject().getAsJsonArray("argv");
        List<String> argv = new ArrayList<>();
        a.forEach(e -> argv.add(e.getAsString()));
        String line = String.join(" ", argv);
        // as root with a pids cgroup, the sandbox first enters cgroups of its own (CgroupCapTest)
        CgroupCap cap = CgroupCap.detect();
        boolean capped = argv.get(0).equals("/bin/sh");
        assertEquals(cap != null, capped);
        int bwrap = argv.indexOf("/usr/bin/bwrap");
        if (capped) {
            List<String> entry = argv.subList(0, bwrap);
            assertTrue(argv.get(entry.indexOf("512") + 1).endsWith("/pids.max"), entry.toString());
            assertEquals(cap.capsMemory(), entry.contains(Long.toString(Sandbox.cgroupMemory(1L << 30))));
        }
        assertEquals(capped ? bwrap : 0, bwrap);
        for (String flag : List.of("--unshare-all", "--die-with-parent", "--new-session", "--clearenv")) {
            assertTrue(argv.contains(flag), flag);
        }
        assertTrue(line.contains("--ro-bind " + build.resolve("dlkit.jar") + " " + build.resolve("dlkit.jar")));
        assertTrue(line.contains("--ro-bind " + build.resolve("lib") + " " + build.resolve("lib")));
        assertTrue(line.contains("--ro-bind " + run.resolve("kernel") + " /kernel"), "its own kernel copy");
        assertTrue(line.contains("--bind " + home + " /home/student"));
        assertTrue(line.contains("--bind " + conn + " " + conn));
        assertTrue(line.contains("--tmpfs /tmp"));
        assertTrue(line.contains("--setenv DLKIT_GRADING 1"));
        assertTrue(line.contains("--setenv MEM_LIMIT 1073741824"));
        assertTrue(line.contains("--setenv DLKIT_GRADING_ALLOW java.lang.ProcessBuilder"));
        assertTrue(line.contains("/usr/bin/prlimit --nofile=64 --fsize=1048576 --nproc=512 --cpu=100"));
        assertTrue(line.endsWith("/bin/sh /kernel/launch.sh -Djava.awt.headless=true {connection_file}"));
        assertFalse(line.contains(spec.toString()), "the shared kernelspec itself is not in the sandbox");
        assertFalse(line.contains(System.getProperty("user.home") + " "), "nor the user's home");
        assertEquals("#!/bin/sh\n", Files.readString(run.resolve("kernel/launch.sh")));
    }

    @Test
    void hiddenTestsBecomeOneLineWithTheirVerdict() {
        String src = "check(f(1) == 1, \"f(1)\");\n    // BEGIN HIDDEN TESTS\n    check(f(7) == 49, \"f(7)\");\n"
                + "    // END HIDDEN TESTS\ncheck(true, \"after\");";
        assertEquals("check(f(1) == 1, \"f(1)\");\n    // hidden test: failed\ncheck(true, \"after\");",
                HiddenTests.redact(src, false));
        assertTrue(HiddenTests.redact(src, true).contains("// hidden test: passed"));
    }

    @Test
    void memorySizes() throws Exception {
        assertEquals(3L << 30, Limits.size("3g", "--memory"));
        assertEquals(1500L << 20, Limits.size("1500m", "--memory"));
        assertThrows(GradeException.class, () -> Limits.size("100m", "--memory"));
        assertThrows(GradeException.class, () -> Limits.size("lots", "--memory"));
    }
}
