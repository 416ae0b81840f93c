package dlkit.tools.grade;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One submission's student code in its own bubblewrap sandbox. The nbclient driver ({@code execute.py}: what ran,
 * what errored, the outputs that are scored) and the kernel (the protocol, the compiler, {@code GradingGuard}'s check
 * of every snippet class, each cell's verdict) stay outside, in processes student code cannot reach. The kernelspec
 * written here (in a folder only the grader sees) starts the kernel with {@code DLKIT_GRADING=1} and, in
 * {@code DLKIT_AGENT_SANDBOX}, the argv {@code bwrap ... prlimit ... --} before which the kernel starts its execution
 * agent, the JVM that runs the notebook's code ({@code dlkit.kernel.exec.Agent}). Kernel and agent talk over a unix
 * socket in the run's {@code agent} folder, bound into the sandbox at the same path. (TCP would need the host's
 * network namespace, and with it a way out; {@code --unshare-all} leaves the sandbox only its own loopback.)
 *
 * <p>Inside: the system ({@code /usr}), the JDK and DLKit's jars, read-only; a private {@code /tmp} and
 * {@code /proc} (its own PID namespace: bwrap is PID 1 and kills every process, setsid'd ones included, when the
 * agent ends, and {@code --die-with-parent} when the kernel does); and {@code /home/student}, HOME and working
 * directory, with only the submission and the assignment's declared files. Not inside: the kernel and the driver
 * (not even as processes), the kernelspec, the instructor source, the restored notebook (its cells arrive one by
 * one as execute requests), other submissions, the output folder, the user's home.
 */
final class Sandbox {
    static final String HOME = "/home/student";
    static final String INSTALL_HINT = "bubblewrap (bwrap) is not installed; install it (Debian/Ubuntu: sudo apt-get "
            + "install -y bubblewrap; Fedora: sudo dnf install bubblewrap), or pass --no-sandbox to grade without "
            + "isolation (every report row then says so)";

    /** Resource limits per submission. */
    record Limits(long memoryBytes, int cpuSeconds, long fileBytes, int openFiles, int processes) {}

    /** Processes and threads one sandbox may have when a cgroup counts them (a kernel needs ~60). */
    static final int CGROUP_PIDS = 1024;

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();

    /**
     * The hard memory cap around a {@code --memory} budget: the execution agent's heap and JavaCPP's
     * physical-memory check stop a cell well below it with a clear error; the cgroup only kills what gets past them
     * (an 8 GB array). The 512 MB on top are the kernel's own JVM (the compiler) and its ipc bridge, which are not
     * the student's to spend.
     */
    static long cgroupMemory(long budget) {
        return budget + budget / 2 + (512L << 20);
    }

    private final String bwrap;
    private final Path kernelspec;
    private final Map<String, String> conf;
    private final CgroupCap cap;
    /** The installed kernel.json: each run's is this one with the run's argv, env and name. */
    private final JsonObject kernelJson;

    private Sandbox(String bwrap, Path kernelspec, Map<String, String> conf, CgroupCap cap, JsonObject kernelJson) {
        this.bwrap = bwrap;
        this.kernelspec = kernelspec;
        this.conf = conf;
        this.cap = cap;
        this.kernelJson = kernelJson;
    }

    /** The bwrap executable on PATH (or /usr/bin), or null. */
    static String findBwrap() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.add("/usr/bin");
        dirs.add("/bin");
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, "bwrap");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Reads {@code kernelspec/launch.conf} and {@code kernel.json}; fails with a one-line reason. */
    static Sandbox open(String bwrap, Path kernelspec) throws GradeException {
        for (String f : List.of("kernel.json", "launch.sh", "launch.conf")) {
            if (!Files.isReadable(kernelspec.resolve(f))) {
                throw new GradeException(kernelspec + " has no " + f + "; run ./dlkit setup");
            }
        }
        Map<String, String> conf = parseConf(read(kernelspec.resolve("launch.conf")));
        JsonObject kernelJson;
        try {
            kernelJson = JsonParser.parseString(read(kernelspec.resolve("kernel.json")))
                    .getAsJsonObject();
        } catch (RuntimeException e) { // not JSON, or not an object
            throw new GradeException(kernelspec.resolve("kernel.json") + " is not a kernelspec (" + e.getMessage()
                    + "); run ./dlkit setup");
        }
        CgroupCap cap = CgroupCap.detect();
        String uncapped = CgroupCap.uncappedReason(cap);
        if (uncapped != null) {
            System.out.println("dlkit grade: " + uncapped);
        }
        return new Sandbox(bwrap, kernelspec, conf, cap, kernelJson);
    }

    private static String read(Path file) throws GradeException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new GradeException("cannot read " + file + " (" + e.getMessage() + "); run ./dlkit setup");
        }
    }

    /** The kernelspec folder of the build this class came from ({@code target/kernelspec/dlkit}). */
    static Path defaultKernelspec() {
        return dlkit.tools.BuildFolder.of(Sandbox.class)
                .orElse(Path.of("target"))
                .resolve("kernelspec")
                .resolve("dlkit");
    }

    /** {@code key='value'} lines of launch.conf ({@link LaunchConf}). */
    static Map<String, String> parseConf(String text) {
        return LaunchConf.parse(text);
    }

    /**
     * Writes this submission's kernel copy ({@code run/kernel}) and the kernelspec that starts it with its agent
     * sandboxed ({@code run/jupyter/kernels/NAME/kernel.json}); {@code conn} is where the connection file and the ipc
     * sockets go (outside the sandbox). Returns the folder to put on the driver's JUPYTER_PATH.
     */
    Path prepare(Path run, Path home, Path conn, Limits limits, Map<String, String> env, String kernelName)
            throws IOException {
        Path kernelCopy = Files.createDirectories(run.resolve("kernel"));
        Files.copy(kernelspec.resolve("launch.sh"), kernelCopy.resolve("launch.sh"));
        Files.copy(kernelspec.resolve("launch.conf"), kernelCopy.resolve("launch.conf"));
        List<String> argv = new ArrayList<>(List.of(
                bwrap,
                "--unshare-all",
                "--die-with-parent",
                "--new-session",
                "--hostname",
                "sandbox",
                "--cap-drop",
                "ALL"));
        argv.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path p = Path.of(top);
            if (Files.isSymbolicLink(p)) {
                argv.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
            } else if (Files.isDirectory(p)) {
                argv.addAll(List.of("--ro-bind", top, top));
            }
        }
        Set<Path> ro = new LinkedHashSet<>();
        for (String etc : List.of(
                "/etc/alternatives",
                "/etc/ld.so.cache",
                "/etc/ld.so.conf",
                "/etc/ld.so.conf.d",
                "/etc/localtime",
                "/etc/nsswitch.conf")) {
            ro.add(Path.of(etc));
        }
        try (var s = Files.list(Path.of("/etc"))) {
            s.filter(p -> p.getFileName().toString().startsWith("java-")).forEach(ro::add);
        } catch (IOException e) {
            // no /etc listing: the JDK's own conf/ then
        }
        String java = conf.get("java_bin");
        if (java != null) {
            Path real = Path.of(java).toRealPath();
            ro.add(real.getParent().getParent()); // JAVA_HOME
            ro.add(Path.of(java));
        }
        String cp = conf.getOrDefault("class_path", "");
        for (String entry : cp.split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            ro.add(entry.endsWith("/*") ? Path.of(entry.substring(0, entry.length() - 2)) : Path.of(entry));
        }
        if (conf.get("cds_archive") != null) {
            ro.add(Path.of(conf.get("cds_archive")));
        }
        // the private /tmp first, the binds on top: a build or JDK under /tmp (a checkout in /tmp) stays visible
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        for (Path p : ro) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !p.startsWith("/usr")) {
                argv.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        // the agent's socket to the kernel is created here (Agent, DLKIT_AGENT_SOCKET_DIR); not the connection
        // folder, whose key and sockets are the kernel's
        Path agentDir = Files.createDirectories(run.resolve("agent"));
        argv.addAll(List.of("--bind", agentDir.toString(), agentDir.toString()));
        argv.addAll(List.of("--bind", home.toString(), HOME));
        Path cache = javacppCache();
        if (cache != null) {
            // ND4J's native libraries, extracted once by the user's own kernel: read-only here (JavaCPP only
            // reads a complete cache), instead of 400 MB extracted per submission.
            argv.addAll(List.of("--ro-bind", cache.toString(), HOME + "/.javacpp/cache"));
        }
        argv.addAll(List.of("--chdir", HOME, "--clearenv"));
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        vars.put("HOME", HOME);
        vars.put("USER", "student");
        vars.put("LANG", "C.UTF-8");
        vars.put("TMPDIR", "/tmp");
        vars.put("DLKIT_OFFLINE", "1");
        vars.put("DLKIT_GRADING", "1");
        vars.putAll(env);
        for (Map.Entry<String, String> e : vars.entrySet()) {
            argv.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        }
        // rlimits inside (prlimit is util-linux, on every Debian): what a runaway cell hits first.
        argv.addAll(List.of(
                "--",
                "/usr/bin/prlimit",
                "--nofile=" + limits.openFiles(),
                "--fsize=" + limits.fileBytes(),
                "--nproc=" + limits.processes(),
                "--cpu=" + limits.cpuSeconds(),
                "--core=0",
                "--"));

        // The kernel, outside: it starts the agent (java ... dlkit.kernel.AgentMain) after the argv above.
        Map<String, String> kernelEnv = new LinkedHashMap<>();
        kernelEnv.put("DLKIT_GRADING", "1");
        kernelEnv.put("DLKIT_OFFLINE", "1");
        kernelEnv.put("MEM_LIMIT", Long.toString(limits.memoryBytes()));
        // read by the agent's JVM, which takes the kernel's options. The kernel's JVM only compiles cells and
        // speaks the protocol: C1 is enough there, and C2 compiling javac took more CPU than a graded notebook's
        // run gave back (bench/grade_results.md, 2026-12-06); the agent, where notebook code runs, drops the option
        // and keeps the full JIT (Agent.jvmOptions).
        String javaOpts =
                "-Duser.home=" + HOME + " -Duser.name=student -XX:+DisableAttachMechanism -XX:TieredStopAtLevel=1";
        kernelEnv.put("DLKIT_LOG", run.resolve("kernel.log").toString());
        kernelEnv.put("DLKIT_AGENT_SANDBOX", new Gson().toJson(argv));
        kernelEnv.put("DLKIT_AGENT_SOCKET_DIR", agentDir.toString());
        kernelEnv.putAll(env);
        // env's options (the grader's thread cap) come after the sandbox's own, which they cannot replace
        kernelEnv.put(
                "DLKIT_JAVA_OPTS",
                javaOpts + (env.containsKey("DLKIT_JAVA_OPTS") ? " " + env.get("DLKIT_JAVA_OPTS") : ""));
        List<String> kernelArgv =
                List.of("/bin/sh", kernelCopy.resolve("launch.sh").toString(), "{connection_file}");
        if (cap != null) {
            // as root the rlimits above do not count processes: cgroups cap them, and memory (the kernel's JVM
            // and the agent's, which inherits the cgroup)
            kernelArgv = cap.enter(
                    Math.min(limits.processes(), CGROUP_PIDS), cgroupMemory(limits.memoryBytes()), kernelArgv);
        }

        Path jupyter = run.resolve("jupyter");
        Path spec = Files.createDirectories(jupyter.resolve("kernels").resolve(kernelName));
        // the installed kernelspec with this run's command: its language, interrupt mode and metadata stay
        JsonObject k = kernelJson.deepCopy();
        k.add("argv", PRETTY.toJsonTree(kernelArgv));
        k.add("env", PRETTY.toJsonTree(kernelEnv));
        k.addProperty("display_name", "Java (DLKit, grading sandbox)");
        Files.writeString(spec.resolve("kernel.json"), PRETTY.toJson(k));
        return jupyter;
    }

    /** JavaCPP's cache of the host user, when it has been filled (else null: the sandbox extracts its own). */
    static Path javacppCache() {
        String dir = System.getProperty("org.bytedeco.javacpp.cachedir");
        Path p = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".javacpp", "cache");
        try (var s = Files.list(p)) {
            return s.findAny().isPresent() ? p.toAbsolutePath() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
