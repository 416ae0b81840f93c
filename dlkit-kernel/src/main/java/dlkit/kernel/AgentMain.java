package dlkit.kernel;

import com.google.gson.Gson;
import dlkit.display.Notebook;
import dlkit.kernel.exec.AgentExecution;
import dlkit.kernel.exec.ChannelStreams;
import dlkit.kernel.exec.ExecutionThread;
import dlkit.kernel.render.FrameDisplay;
import dlkit.kernel.render.MimeRenderer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.Util;

/**
 * {@code java dlkit.kernel.AgentMain SOCKET}: the execution agent's JVM (see {@code dlkit.kernel.exec.Agent}).
 * Connects twice to the kernel's socket: JShell's protocol first, then the side line (interrupts, rendering the
 * last value). Extensions render here and warm up here; there are no comms (widgets show their text form).
 */
public final class AgentMain {

    private AgentMain() {}

    public static void main(String[] args) throws Exception {
        QuietLogging.apply();
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(args[0]);
        SocketChannel commands = SocketChannel.open(address);
        SocketChannel side = SocketChannel.open(address);
        ClassLoader loader = AgentMain.class.getClassLoader();
        Extensions extensions = Extensions.load(loader);
        MimeRenderer renderer = MimeRenderer.standard(extensions.renderers());
        ExecutionThread thread = new ExecutionThread();
        AgentExecution execution = new AgentExecution(thread);
        startSideLine(side, thread, execution, renderer);
        if (Env.prewarm()) {
            Thread warm = new Thread(extensions::warmUp, "dlkit-warmup");
            warm.setDaemon(true);
            warm.setPriority(Thread.MIN_PRIORITY);
            warm.start();
        }
        Map<String, Consumer<OutputStream>> outputs = Map.of(
                "out", s -> System.setOut(new PrintStream(s, true, StandardCharsets.UTF_8)),
                "err", s -> System.setErr(new PrintStream(s, true, StandardCharsets.UTF_8)),
                "display", s -> Notebook.install(new FrameDisplay(s, renderer)));
        Map<String, Consumer<InputStream>> inputs = Map.of("in", System::setIn);
        try {
            Util.forwardExecutionControlAndIO(
                    execution, ChannelStreams.in(commands), ChannelStreams.out(commands), outputs, inputs);
        } finally {
            Runtime.getRuntime().halt(0); // the kernel closed the line: nothing of the notebook outlives it
        }
    }

    private static void answer(SocketChannel side, String line) throws java.io.IOException {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            side.write(buf);
        }
    }

    private static void startSideLine(
            SocketChannel side, ExecutionThread thread, AgentExecution execution, MimeRenderer renderer) {
        Gson gson = new Gson();
        Thread t = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(ChannelStreams.in(side), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (line.equals("interrupt")) {
                                thread.interrupt(500);
                            } else if (line.equals("begin")) {
                                thread.beginCell();
                                answer(side, "ok");
                            } else if (line.equals("render")) {
                                String json;
                                try {
                                    json = gson.toJson(renderer.render(execution.lastValue()));
                                } catch (RuntimeException | LinkageError e) {
                                    json = gson.toJson(Map.of("text/plain", "(could not show the value: " + e + ")"));
                                }
                                answer(side, json);
                            }
                        }
                    } catch (java.io.IOException e) {
                        // the kernel is gone; the command loop ends as well
                    }
                },
                "dlkit-agent-side");
        t.setDaemon(true);
        t.start();
    }
}
