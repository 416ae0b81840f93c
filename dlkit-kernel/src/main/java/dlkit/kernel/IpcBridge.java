package dlkit.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.ZMQ;

/**
 * Serves Jupyter's {@code ipc} transport (Colab-style hosts and DLKit's grader start kernels with it), which JeroMQ
 * cannot bind. The kernel listens on tcp ports of 127.0.0.1 that the system picks as each socket binds (port 0, so
 * no other program can take one between choosing and binding: ports chosen first and bound later once left a
 * kernel that never answered); then a small pyzmq proxy binds the ipc endpoints and forwards to those ports. The
 * proxy exits when the kernel's process does.
 */
final class IpcBridge {

    private IpcBridge() {}

    /** Where the kernel's sockets bind under ipc: tcp on 127.0.0.1, every port left to the system. */
    static KernelConnectionProperties loopback(KernelConnectionProperties ipc) {
        return new KernelConnectionProperties(
                "127.0.0.1", 0, 0, 0, 0, 0, "tcp", ipc.getSignatureScheme(), ipc.getKey());
    }

    /** The port a socket bound to, from its last endpoint ({@code tcp://127.0.0.1:PORT}). */
    private static int port(ZMQ.Socket socket) {
        String endpoint = socket.getLastEndpoint();
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /**
     * Starts the proxy from {@code ipc}'s endpoints to the ports the kernel's sockets are bound to (given in the
     * order of {@link KernelConnectionProperties}' constructor).
     */
    static void start(
            KernelConnectionProperties ipc,
            ZMQ.Socket control,
            ZMQ.Socket shell,
            ZMQ.Socket stdin,
            ZMQ.Socket hb,
            ZMQ.Socket iopub)
            throws IOException, InterruptedException {
        KernelConnectionProperties tcp = new KernelConnectionProperties(
                "127.0.0.1",
                port(control),
                port(shell),
                port(stdin),
                port(hb),
                port(iopub),
                "tcp",
                ipc.getSignatureScheme(),
                ipc.getKey());
        Path dir = Files.createTempDirectory("dlkit-ipc");
        Path script = dir.resolve("ipc_bridge.py");
        try (InputStream in = IpcBridge.class.getResourceAsStream("/dlkit/kernel/ipc_bridge.py")) {
            Files.copy(in, script);
        }
        Path ipcFile = dir.resolve("ipc.json");
        Path tcpFile = dir.resolve("tcp.json");
        Files.writeString(ipcFile, ipc.toJsonString());
        Files.writeString(tcpFile, tcp.toJsonString());
        String python = findPython();
        ProcessBuilder pb = new ProcessBuilder(List.of(
                python,
                script.toString(),
                ipcFile.toString(),
                tcpFile.toString(),
                Long.toString(ProcessHandle.current().pid())));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(QuietLogging.logPath().toFile()));
        pb.start();
    }

    private static String findPython() throws IOException, InterruptedException {
        String configured = Env.python();
        for (String candidate : configured != null ? List.of(configured) : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import zmq")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (p.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException ignored) {
                // try the next one
            }
        }
        throw new IOException(
                "transport ipc needs a Python with pyzmq to bridge it (set DLKIT_PYTHON, or install python3-zmq)");
    }
}
