package dlkit.kernel;

import dlkit.kernel.exec.JavaRepl;
import dlkit.kernel.io.KernelInput;
import dlkit.kernel.io.KernelStreams;
import dlkit.kernel.io.Publisher;
import dlkit.kernel.wire.RouterChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dflib.jjava.jupyter.channels.HeartbeatChannel;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * {@code java dlkit.kernel.Main <connection-file>}: starts the DLKit kernel. Sockets come up first so
 * kernel_info is answered at once; JShell, the startup imports, the extensions' notice and (unless
 * DLKIT_PREWARM=0) their warm-up run in the background while the user reads the notebook.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        QuietLogging.apply();
        String ignored = MemoryBudget.applyOffHeapLimits(System.getenv());
        if (ignored != null) {
            System.err.println("dlkit kernel: " + ignored); // the kernel's own stderr: Jupyter's log, not a cell's
        }
        if (args.length != 1) {
            fail("usage: dlkit.kernel.Main <connection-file> (Jupyter passes it as {connection_file}; "
                    + "install the kernel with ./dlkit setup)");
        }
        KernelConnectionProperties props;
        try {
            props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        } catch (NoSuchFileException e) {
            fail("connection file not found: " + args[0] + " (start the kernel from Jupyter, not by hand)");
            return;
        } catch (IOException | RuntimeException e) {
            fail("cannot read connection file " + args[0] + ": " + e.getMessage());
            return;
        }
        serve(props);
    }

    static void serve(KernelConnectionProperties props) throws Exception {
        boolean ipc = "ipc".equals(props.getTransport());
        KernelConnectionProperties bindTo = ipc ? IpcBridge.loopback(props) : props;
        ZMQ.Context ctx = ZMQ.context(1);
        HMACGenerator hmac = props.createHMACGenerator();
        IOPubChannel iopub = new IOPubChannel(ctx, hmac);
        StdinChannel stdin = new StdinChannel(ctx, hmac);
        HeartbeatChannel hb = new HeartbeatChannel(ctx, hmac);
        RouterChannel shell = new RouterChannel(ctx, hmac, "shell");
        RouterChannel control = new RouterChannel(ctx, hmac, "control");
        try {
            iopub.bind(bindTo);
            stdin.bind(bindTo);
            hb.bind(bindTo);
            shell.bind(bindTo);
            control.bind(bindTo);
        } catch (RuntimeException e) {
            // without this the sockets already bound (and JeroMQ's threads) keep a kernel alive that never answers
            fail("cannot listen on the ports of " + (ipc ? "the ipc bridge" : "the connection file") + " ("
                    + e.getMessage() + "): another program holds one; restart the kernel");
        }
        if (ipc) {
            IpcBridge.start(props, control, shell, stdin, hb, iopub);
        }

        Publisher publisher = new Publisher(iopub);
        KernelStreams streams = new KernelStreams(publisher);
        KernelInput input = new KernelInput(stdin, publisher, streams);
        streams.install(input);

        ClassLoader loader = Main.class.getClassLoader();
        Extensions extensions = Extensions.load(loader);
        CompletableFuture<JavaRepl> repl = CompletableFuture.supplyAsync(() -> startRepl(extensions, loader));
        CompletableFuture<List<String>> notices = CompletableFuture.supplyAsync(extensions::notices);
        JavaKernel kernel = new JavaKernel(publisher, streams, input, repl, extensions, notices);
        kernel.attach(shell);
        kernel.attachControl(control);
        publisher.status(null, "starting");
        control.serve(msg -> kernel.handle(msg, true));
        shell.serve(msg -> kernel.handle(msg, false));
        Warmup.start(repl, extensions);
        ParentWatch.start();
        Thread.currentThread().join(); // the channel threads do the work
    }

    private static JavaRepl startRepl(Extensions extensions, ClassLoader loader) {
        JavaRepl repl = new JavaRepl(List.of("-proc:none", "-Xlint:none"));
        try {
            repl.eval(String.join("\n", StartupImports.lines(extensions, loader)), 0);
        } catch (Exception e) {
            LoggerFactory.getLogger(Main.class).warn("a startup import failed", e);
        }
        return repl;
    }

    private static void fail(String message) {
        System.err.println("DLKit kernel: " + message);
        System.exit(2);
    }
}
