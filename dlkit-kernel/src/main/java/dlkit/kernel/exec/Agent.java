package dlkit.kernel.exec;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dlkit.kernel.render.FrameSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Notebook code in a JVM of its own, the execution agent ({@code dlkit.kernel.AgentMain}), while the kernel keeps
 * the protocol, the compiler, the checks on every snippet class and the verdict of every cell. Used while
 * notebooks are graded ({@code DLKIT_GRADING=1}; {@code DLKIT_EXEC=agent|inprocess} overrides): student code then
 * shares no memory with what reports which cells failed. While grading, only the agent runs in the grader's
 * bubblewrap sandbox ({@code DLKIT_AGENT_SANDBOX}, see {@code dlkit.tools.grade.Sandbox}); the kernel runs outside it, so
 * student code cannot even see the kernel's process.
 *
 * <p>Two unix-socket connections: JShell's own multiplexed protocol (commands, System.out/err/in, and the
 * display frames of {@link FrameSink}), and a side line for what must not wait behind a running cell: interrupts,
 * and rendering the last value (which stays in the agent).
 */
public final class Agent {

    static final String MAIN = "dlkit.kernel.AgentMain";
    private static final long CONNECT_MILLIS = 120_000;
    private static final Gson GSON = new Gson();

    private Process process;
    private volatile OutputStream sideOut;
    private BufferedReader sideIn;
    private AgentControl control;
    private volatile boolean closing;

    /** Whether notebook code runs in an execution agent: when grading, unless DLKIT_EXEC says otherwise. */
    public static boolean wanted() {
        String v = System.getenv("DLKIT_EXEC");
        if ("agent".equals(v)) {
            return true;
        }
        if ("inprocess".equals(v)) {
            return false;
        }
        return GradingGuard.grading();
    }

    ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "dlkit-agent";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws Throwable {
                return start(env);
            }
        };
    }

    /** What the last snippet did (once JShell has started the agent). */
    SnippetOutcome outcome() {
        return control != null ? control.outcome() : null;
    }

    private synchronized ExecutionControl start(ExecutionEnv env) throws IOException {
        // The grader's folder for this kernel (DLKIT_AGENT_SOCKET_DIR) is this kernel's alone, so the socket goes
        // straight in it: a unix socket's path has at most 107 bytes, and the grader's scratch folder is already deep
        // (a random subfolder here pushed some paths over, and their kernels never started).
        String socketDir = System.getenv("DLKIT_AGENT_SOCKET_DIR");
        Path dir = socketDir != null ? Path.of(socketDir) : Files.createTempDirectory("dlkit-agent");
        Path socket = dir.resolve("s");
        Files.deleteIfExists(socket); // a restarted kernel's predecessor may have left it
        SocketChannel commands;
        SocketChannel side;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                server.bind(UnixDomainSocketAddress.of(socket));
            } catch (java.net.SocketException e) {
                throw new IOException("cannot listen on " + socket + " (" + e.getMessage() + "); a unix socket's path"
                        + " has at most 107 bytes: use a shorter temporary folder (java.io.tmpdir)");
            }
            server.configureBlocking(false);
            process = launch(socket, wrapper());
            commands = accept(server);
            side = accept(server);
        } finally {
            Files.deleteIfExists(socket);
            if (socketDir == null) {
                Files.deleteIfExists(dir);
            }
        }
        sideOut = ChannelStreams.out(side);
        sideIn = new BufferedReader(new InputStreamReader(ChannelStreams.in(side), StandardCharsets.UTF_8));
        Process p = process;
        p.onExit().thenAccept(this::ended);
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                return System.in.read();
            }
        };
        control = (AgentControl) Util.remoteInputOutput(
                ChannelStreams.in(commands),
                ChannelStreams.out(commands),
                Map.of("out", env.userOut(), "err", CurrentStreams.err(), "display", new FrameSink()),
                Map.of("in", in),
                (cmdIn, cmdOut) -> new AgentControl(cmdOut, cmdIn));
        return control;
    }

    /**
     * What the agent's command starts with: the grader's sandbox ({@code DLKIT_AGENT_SANDBOX}, a JSON array: bwrap
     * ... prlimit ... --), or nothing.
     */
    static List<String> wrapper() throws IOException {
        String json = System.getenv("DLKIT_AGENT_SANDBOX");
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<String> argv = GSON.fromJson(json, new TypeToken<List<String>>() {}.getType());
            return argv != null ? argv : List.of();
        } catch (JsonParseException e) {
            throw new IOException("DLKIT_AGENT_SANDBOX is not a JSON array of strings: " + e.getMessage());
        }
    }

    private Process launch(Path socket, List<String> wrapper) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        cmd.addAll(javaCppLimits(System.getProperties()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, socket.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // Started from a thread that lives as long as the agent: bwrap's --die-with-parent (PR_SET_PDEATHSIG)
        // fires when the *thread* that started it ends, and a pool thread ends when it has been idle a while.
        java.util.concurrent.CompletableFuture<Process> started = new java.util.concurrent.CompletableFuture<>();
        Thread parent = new Thread(
                () -> {
                    Process p;
                    try {
                        p = pb.start();
                    } catch (IOException | RuntimeException e) {
                        started.completeExceptionally(e);
                        return;
                    }
                    started.complete(p);
                    try {
                        p.waitFor();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "dlkit-agent-parent");
        parent.setDaemon(true);
        parent.start();
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the execution agent started");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io
                    ? io
                    : new IOException("cannot start the execution agent: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The kernel's own JVM options, for the agent: the same heap and off-heap budget, class-data archive and
     * system properties; not a debugger or a class-list dump meant for the kernel, and not its JIT level: the
     * grader runs the kernel, which only compiles cells, on C1 (C2 compiling javac cost a graded notebook more
     * CPU than it saved), while notebook code's hot loops need C2 (about 3x faster than C1).
     */
    static List<String> jvmOptions(List<String> kernel) {
        List<String> out = new ArrayList<>();
        for (String o : kernel) {
            if (o.startsWith("-agentlib:")
                    || o.startsWith("-javaagent:")
                    || o.startsWith("-Xrunjdwp")
                    || o.startsWith("-XX:ArchiveClassesAtExit")
                    || o.startsWith("-XX:DumpLoadedClassList")
                    || o.startsWith("-Xlog:class+load")
                    || o.startsWith("-XX:TieredStopAtLevel")) {
                continue;
            }
            out.add(o);
        }
        return out;
    }

    /**
     * JavaCPP's memory limits in force here ({@code dlkit.kernel.MemoryBudget} sets them as the kernel starts, from
     * MEM_LIMIT), for the agent: ND4J loads there, and the sandbox gives it no MEM_LIMIT of its own.
     */
    static List<String> javaCppLimits(java.util.Properties props) {
        List<String> out = new ArrayList<>();
        for (String k : new java.util.TreeSet<>(props.stringPropertyNames())) {
            if (k.startsWith("org.bytedeco.javacpp.max")) {
                out.add("-D" + k + "=" + props.getProperty(k));
            }
        }
        return out;
    }

    private SocketChannel accept(ServerSocketChannel server) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_MILLIS);
        while (System.nanoTime() < deadline) {
            SocketChannel c = server.accept();
            if (c != null) {
                c.configureBlocking(true);
                return c;
            }
            if (!process.isAlive()) {
                throw new IOException(
                        "the execution agent JVM exited with status " + process.exitValue() + " before it connected");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the execution agent started");
            }
        }
        process.destroyForcibly();
        throw new IOException("the execution agent JVM did not connect within " + CONNECT_MILLIS / 1000 + " s");
    }

    /**
     * Called after every snippet: when the agent's line went dead under it (its JVM was killed mid-cell), the kernel
     * stops before it could answer the cell, exactly as if the code had killed its own JVM; a client must see a
     * dead kernel there, not an error reply and a dead kernel one cell later.
     */
    void checkAlive() {
        Process p = process;
        if (p == null || closing) {
            return;
        }
        try {
            if (control != null && control.terminated() && p.waitFor(5, TimeUnit.SECONDS)) {
                ended(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!p.isAlive()) {
            ended(p);
        }
    }

    /**
     * The agent is gone without the kernel asking: its JVM crashed or was killed (a memory cgroup, a signal). The
     * kernel ends too, as it would had the code run in its own JVM, so that the client reports a dead kernel.
     */
    private void ended(Process p) {
        if (closing || p != process) {
            return;
        }
        log().println("dlkit kernel: the JVM running notebook code ended (exit status " + p.exitValue()
                + "); the kernel stops with it");
        Runtime.getRuntime().halt(3);
    }

    /** The kernel process's own stderr (its log), not a cell's: System.err is the current cell's stream. */
    private static PrintStream log() {
        return new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true);
    }

    /** Asks the agent to stop the running cell (its execution thread interrupts, then stops, the code). */
    void interrupt() {
        OutputStream out = sideOut;
        try {
            if (out != null) {
                out.write("interrupt\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the agent is gone; ended() reports it
        }
    }

    /**
     * A new cell starts: the agent forgets an interrupt aimed at the previous one. Waits for its answer, so that
     * the reset cannot overtake the cell's first command (which travels on the other line).
     */
    synchronized void beginCell() throws IOException {
        if (sideOut == null) {
            return;
        }
        sideOut.write("begin\n".getBytes(StandardCharsets.UTF_8));
        if (!"ok".equals(sideIn.readLine())) {
            throw new IOException("the execution agent did not answer");
        }
    }

    /** The MIME bundle of the last snippet's value, rendered in the agent. */
    synchronized Map<String, Object> render() throws IOException {
        sideOut.write("render\n".getBytes(StandardCharsets.UTF_8));
        String line = sideIn.readLine();
        if (line == null) {
            throw new IOException("the execution agent closed its side line");
        }
        try {
            Map<String, Object> data = GSON.fromJson(line, new TypeToken<Map<String, Object>>() {}.getType());
            return data != null ? data : Map.of("text/plain", "");
        } catch (JsonParseException e) {
            return Map.of("text/plain", line);
        }
    }

    void close() {
        closing = true;
        if (process != null) {
            process.destroy();
        }
    }
}
