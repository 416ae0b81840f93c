package dlkit.tools.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one notebook through nbclient ({@code execute.py}, the engine of {@code nbconvert --execute}) with the
 * DLKit kernel, in a given working directory, under a per-cell timeout and a wall limit for the whole notebook.
 *
 * <p>Jupyter starts the kernel in its own session (process group), so killing the driver's group would not
 * reach it: every descendant of the driver is recorded while it runs (the kernel's {@code sh launch.sh} and its
 * {@code java}), and whatever of them is still alive at the end (wall limit, driver crash, or a kernel that
 * ignored shutdown) is killed. No kernel outlives {@link #run}.
 */
final class Executor {
    /**
     * How a run ended. {@code notebook} is the executed notebook (possibly partial), or null when none was written;
     * {@code retried}: why the notebook was run a second time (null when it ran once).
     */
    record Result(
            Path notebook,
            boolean wallLimit,
            int exitCode,
            String log,
            double seconds,
            long peakBytes,
            String retried) {}

    /** execute.py's status when the kernel, or Java in it, did not start: no cell of the notebook ran. */
    static final int KERNEL_DID_NOT_START = 6;

    /** Where the driver finds the sandboxed kernel: its JUPYTER_PATH, kernel name and connection file. */
    record Sandboxed(Path jupyterPath, String kernelName, Path connectionFile) {}

    /** The drivers running now, with every process each has started: what {@link #stopAll} kills. */
    private static final java.util.Map<Process, Set<ProcessHandle>> LIVE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final String python;
    private final String kernel;
    private final int cellTimeout;
    private final int wallLimit;
    private final java.util.Map<String, String> env;

    Executor(String python, String kernel, int cellTimeoutSeconds, int wallLimitSeconds) {
        this(python, kernel, cellTimeoutSeconds, wallLimitSeconds, java.util.Map.of());
    }

    /** {@code env}: set for the driver and the kernel it starts (Limits#threadEnv). */
    Executor(
            String python,
            String kernel,
            int cellTimeoutSeconds,
            int wallLimitSeconds,
            java.util.Map<String, String> env) {
        this.python = python;
        this.kernel = kernel;
        this.env = env;
        this.cellTimeout = cellTimeoutSeconds;
        this.wallLimit = wallLimitSeconds;
    }

    Result run(String notebookJson, Path workDir, Path scratch) throws IOException, InterruptedException {
        return run(notebookJson, workDir, scratch, null);
    }

    /**
     * Runs the notebook; once more when its kernel, or Java in it, did not start (nothing of the notebook ran, so
     * nothing can differ; a kernel that could not start on a machine busy with other submissions is not the
     * student's doing).
     */
    Result run(String notebookJson, Path workDir, Path scratch, Sandboxed sandbox)
            throws IOException, InterruptedException {
        Result first = runOnce(notebookJson, workDir, scratch, sandbox);
        if (first.exitCode() != KERNEL_DID_NOT_START) {
            return first;
        }
        if (sandbox != null) {
            clear(sandbox.connectionFile().getParent()); // the first kernel's connection file and sockets
        }
        Result second = runOnce(notebookJson, workDir, scratch, sandbox);
        String why = reason(first.log());
        return new Result(
                second.notebook(),
                second.wallLimit(),
                second.exitCode(),
                second.log(),
                first.seconds() + second.seconds(),
                Math.max(first.peakBytes(), second.peakBytes()),
                why.isEmpty() ? "the kernel did not start" : why);
    }

    private Result runOnce(String notebookJson, Path workDir, Path scratch, Sandboxed sandbox)
            throws IOException, InterruptedException {
        Path driver = scratch.resolve("execute.py");
        if (!Files.exists(driver)) {
            try (InputStream in = Executor.class.getResourceAsStream("execute.py")) {
                if (in == null) {
                    throw new IOException("execute.py is missing from the DLKit jar; rebuild with ./dlkit setup");
                }
                Files.copy(in, driver);
            }
        }
        Path out = scratch.resolve("executed.ipynb");
        Path log = scratch.resolve("execute.log");
        Files.deleteIfExists(out);
        List<String> command = new ArrayList<>(List.of(
                python,
                driver.toString(),
                out.toString(),
                sandbox != null ? sandbox.kernelName() : kernel,
                Integer.toString(cellTimeout)));
        if (sandbox != null) {
            command.add(sandbox.connectionFile().toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putIfAbsent("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        pb.environment().put("PYTHONWARNINGS", "ignore");
        pb.environment().putAll(env);
        if (sandbox != null) {
            // Only this run's kernelspec (the sandboxed one) and a runtime folder of its own.
            pb.environment().put("JUPYTER_PATH", sandbox.jupyterPath().toString());
            pb.environment().put("JUPYTER_DATA_DIR", sandbox.jupyterPath().toString());
            pb.environment()
                    .put(
                            "JUPYTER_RUNTIME_DIR",
                            sandbox.connectionFile().getParent().toString());
        }
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + python + " (" + e.getMessage() + "); run ./dlkit setup", e);
        }
        Set<ProcessHandle> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        LIVE.put(p, seen);
        Thread feeder = new Thread(
                () -> {
                    try (OutputStream stdin = p.getOutputStream()) {
                        stdin.write(notebookJson.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // the driver exited early; its exit code and log say why
                    }
                },
                "dlkit-grade-stdin");
        feeder.setDaemon(true);
        feeder.start();
        long deadline = start + TimeUnit.SECONDS.toNanos(wallLimit);
        boolean timedOut = false;
        long peak = 0;
        try {
            while (true) {
                p.descendants().forEach(seen::add);
                peak = Math.max(peak, peakBytes(seen));
                if (p.waitFor(200, TimeUnit.MILLISECONDS)) {
                    break;
                }
                if (wallLimit > 0 && System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
            }
        } finally {
            p.descendants().forEach(seen::add);
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            killAll(seen);
            p.waitFor(10, TimeUnit.SECONDS);
            LIVE.remove(p);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = Files.exists(log) ? tail(Files.readString(log, StandardCharsets.UTF_8)) : "";
        return new Result(
                Files.exists(out) ? out : null, timedOut, p.isAlive() ? -1 : p.exitValue(), text, seconds, peak, null);
    }

    /** The driver's own one-line reason ("dlkit grade: ..."), else the log's last line. */
    static String reason(String log) {
        String[] lines = log.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("dlkit grade: ")) {
                return lines[i].substring("dlkit grade: ".length()).strip();
            }
        }
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Kills every running driver and what it started (the grader is stopping). */
    static void stopAll() {
        for (Map.Entry<Process, Set<ProcessHandle>> e : LIVE.entrySet()) {
            e.getKey().descendants().forEach(e.getValue()::add);
            e.getValue().add(e.getKey().toHandle());
            try {
                killAll(e.getValue());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sum of the high-water resident sizes (VmHWM) of the live processes among {@code handles} (Linux). */
    static long peakBytes(Set<ProcessHandle> handles) {
        long sum = 0;
        for (ProcessHandle h : handles) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        sum += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not Linux
            }
        }
        return sum;
    }

    /** Kills every recorded process still alive (first politely, then forcibly) and waits for them to go. */
    static void killAll(Set<ProcessHandle> handles) throws InterruptedException {
        for (ProcessHandle h : handles) {
            if (running(h)) {
                h.destroy();
            }
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ProcessHandle h : handles) {
            while (running(h) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            if (running(h)) {
                h.destroyForcibly();
            }
        }
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : handles) {
            while (running(h) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
        }
    }

    /**
     * Whether {@code h} still runs. Java counts a zombie as alive, and a sandbox's bwrap processes become zombies of
     * PID 1 once their kernel is gone; waiting for PID 1 to reap them cost every sandboxed submission a second or two
     * (forever under a PID 1 that never reaps, as in a container started without an init).
     */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return h.isAlive(); // gone meanwhile, or not Linux
        }
    }

    private static String tail(String s) {
        return s.length() <= 2000
                ? s.strip()
                : "..." + s.substring(s.length() - 2000).strip();
    }
}
