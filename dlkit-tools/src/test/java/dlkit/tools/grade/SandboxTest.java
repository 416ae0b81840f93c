package dlkit.tools.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void kernelspecStartsTheKernelOutsideAndItsAgentIsolatedWithOnlyWhatItNeeds(@TempDir Path tmp) throws Exception {
        Path spec = Files.createDirectories(tmp.resolve("spec"));
        Path build = Files.createDirectories(tmp.resolve("build"));
        Files.createDirectories(build.resolve("lib"));
        Files.writeString(build.resolve("dlkit.jar"), "");
        Files.writeString(spec.resolve("launch.sh"), "#!/bin/sh\n");
        Files.writeString(spec.resolve("launch.conf"), "class_path='" + build.resolve("lib") + "/*'\n");
        Files.writeString(
                spec.resolve("kernel.json"),
                "{\"argv\": [\"sh\"], \"display_name\": \"Java (DLKit)\", \"language\": \"java\", "
                        + "\"interrupt_mode\": \"message\", \"env\": {}, \"metadata\": {\"debugger\": false}}");
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path conn = Files.createDirectories(run.resolve("conn"));
        Sandbox box = Sandbox.open("/usr/bin/bwrap", spec);
        Path jupyter = box.prepare(
                run,
                home,
                conn,
                new Sandbox.Limits(1L << 30, 100, 1L << 20, 64, 512),
                Map.of(
                        "DLKIT_GRADING_ALLOW",
                        "java.lang.ProcessBuilder",
                        "OMP_NUM_THREADS",
                        "1",
                        "DLKIT_JAVA_OPTS",
                        "-XX:ActiveProcessorCount=1"),
                "k");
        JsonObject k = JsonParser.parseString(Files.readString(jupyter.resolve("kernels/k/kernel.json")))
                .getAsJsonObject();
        assertEquals("Java (DLKit, grading sandbox)", k.get("display_name").getAsString());
        assertEquals("java", k.get("language").getAsString()); // the installed kernelspec's, kept
        assertEquals("message", k.get("interrupt_mode").getAsString());
        assertFalse(k.getAsJsonObject("metadata").get("debugger").getAsBoolean());
        List<String> argv = strings(k.getAsJsonArray("argv"));
        JsonObject env = k.getAsJsonObject("env");
        // the kernel: this run's own copy of launch.sh, outside the sandbox, in grading mode
        String kernelLine = String.join(" ", argv);
        assertTrue(
                kernelLine.endsWith("/bin/sh " + run.resolve("kernel/launch.sh") + " {connection_file}"), kernelLine);
        assertFalse(argv.contains("/usr/bin/bwrap"), "the kernel is not in the sandbox");
        assertEquals("1", env.get("DLKIT_GRADING").getAsString());
        assertEquals("1073741824", env.get("MEM_LIMIT").getAsString());
        assertEquals("java.lang.ProcessBuilder", env.get("DLKIT_GRADING_ALLOW").getAsString());
        assertEquals(
                run.resolve("agent").toString(),
                env.get("DLKIT_AGENT_SOCKET_DIR").getAsString());
        // the grader's thread cap joins the sandbox's own JVM options (the agent takes the kernel's)
        assertEquals(
                "-Duser.home=/home/student -Duser.name=student -XX:+DisableAttachMechanism "
                        + "-XX:TieredStopAtLevel=1 -XX:ActiveProcessorCount=1", // C1: the kernel only compiles cells
                env.get("DLKIT_JAVA_OPTS").getAsString());
        assertEquals("1", env.get("OMP_NUM_THREADS").getAsString());
        assertEquals("#!/bin/sh\n", Files.readString(run.resolve("kernel/launch.sh")));
        // as root with a pids cgroup, kernel and agent first enter cgroups of their own (CgroupCapTest)
        CgroupCap cap = CgroupCap.detect();
        boolean capped = argv.get(0).equals("/bin/sh") && argv.get(1).equals("-c");
        assertEquals(cap != null, capped);
        if (capped) {
            assertTrue(argv.get(argv.indexOf("512") + 1).endsWith("/pids.max"), argv.toString());
            assertEquals(cap.capsMemory(), argv.contains(Long.toString(Sandbox.cgroupMemory(1L << 30))));
        }
        // the agent: what the kernel puts before its java command
        List<String> agent =
                strings(JsonParser.parseString(env.get("DLKIT_AGENT_SANDBOX").getAsString())
                        .getAsJsonArray());
        String line = String.join(" ", agent);
        assertEquals("/usr/bin/bwrap", agent.get(0));
        for (String flag : List.of("--unshare-all", "--die-with-parent", "--new-session", "--clearenv")) {
            assertTrue(agent.contains(flag), flag);
        }
        assertFalse(line.contains(build.resolve("dlkit.jar").toString()), "the grader's own code stays outside");
        assertTrue(line.contains("--ro-bind " + build.resolve("lib") + " " + build.resolve("lib")));
        // the build here is under /tmp, as a checkout in /tmp is: bound on top of the private /tmp, not hidden by it
        assertTrue(agent.indexOf("--tmpfs") < agent.indexOf(build.resolve("lib").toString()), line);
        assertTrue(line.contains("--bind " + home + " /home/student"));
        assertTrue(line.contains("--bind " + run.resolve("agent") + " " + run.resolve("agent")));
        assertFalse(line.contains(conn.toString()), "the kernel's connection file and sockets stay outside");
        assertFalse(line.contains("/kernel"), "so does the kernel's launcher");
        assertTrue(line.contains("--tmpfs /tmp"));
        assertTrue(line.contains("--setenv DLKIT_GRADING 1"));
        assertTrue(line.contains("--setenv DLKIT_GRADING_ALLOW java.lang.ProcessBuilder"));
        assertTrue(line.endsWith("/usr/bin/prlimit --nofile=64 --fsize=1048576 --nproc=512 --cpu=100 --core=0 --"));
        assertFalse(line.contains(spec.toString()), "the shared kernelspec itself is not in the sandbox");
        assertFalse(line.contains(System.getProperty("user.home") + " "), "nor the user's home");
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    @Test
    void aKernelspecWithoutAUsableKernelJsonIsNamedBeforeAnythingRuns(@TempDir Path spec) throws Exception {
        Files.writeString(spec.resolve("launch.sh"), "#!/bin/sh\n");
        Files.writeString(spec.resolve("launch.conf"), "class_path='/x/*'\n");
        assertEquals(
                spec + " has no kernel.json; run ./dlkit setup",
                assertThrows(GradeException.class, () -> Sandbox.open("/usr/bin/bwrap", spec))
                        .getMessage());
        Files.writeString(spec.resolve("kernel.json"), "[\"not\", \"an object\"]");
        String bad = assertThrows(GradeException.class, () -> Sandbox.open("/usr/bin/bwrap", spec))
                .getMessage();
        assertTrue(bad.startsWith(spec.resolve("kernel.json") + " is not a kernelspec ("), bad);
        assertTrue(bad.endsWith("); run ./dlkit setup"), bad);
    }

    @Test
    void hiddenTestsBecomeOneLineWithTheirVerdict() {
        String src = "check(f(1) == 1, \"f(1)\");\n    // BEGIN HIDDEN TESTS\n    check(f(7) == 49, \"f(7)\");\n"
                + "    // END HIDDEN TESTS\ncheck(true, \"after\");";
        assertEquals(
                "check(f(1) == 1, \"f(1)\");\n    // hidden test: failed\ncheck(true, \"after\");",
                HiddenTests.redact(src, false));
        assertTrue(HiddenTests.redact(src, true).contains("// hidden test: passed"));
    }

    @Test
    void concurrentSubmissionsShareTheCoresAndOneAloneHasThemAll() {
        int cores = Runtime.getRuntime().availableProcessors();
        Limits alone = new Limits(1, 1L << 30);
        assertEquals(cores, alone.cpus());
        assertEquals(Map.of(), alone.threadEnv("-Xss2m"));
        org.junit.jupiter.api.Assumptions.assumeTrue(cores >= 2, "one core: nothing to share");
        Limits two = new Limits(2, 1L << 30);
        assertEquals(cores / 2, two.cpus());
        assertEquals(
                Map.of(
                        "OMP_NUM_THREADS",
                        Integer.toString(cores / 2),
                        "DLKIT_JAVA_OPTS",
                        "-Xss2m -XX:ActiveProcessorCount=" + cores / 2),
                two.threadEnv("-Xss2m"));
        assertEquals(
                "-XX:ActiveProcessorCount=1",
                new Limits(cores + 1, 1L << 30).threadEnv(null).get("DLKIT_JAVA_OPTS"));
    }

    @Test
    void memorySizes() throws Exception {
        assertEquals(3L << 30, Limits.size("3g", "--memory"));
        assertEquals(1500L << 20, Limits.size("1500m", "--memory"));
        assertThrows(GradeException.class, () -> Limits.size("100m", "--memory"));
        assertThrows(GradeException.class, () -> Limits.size("lots", "--memory"));
    }
}
