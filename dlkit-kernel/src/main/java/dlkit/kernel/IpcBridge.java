package dlkit.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Serves Jupyter's {@code ipc} transport (Colab-style hosts start kernels with it), which JeroMQ
 * cannot bind. A small pyzmq proxy binds the ipc endpoints and forwards to tcp ports on 127.0.0.1
 * where the kernel listens as usual. The proxy exits when the kernel's process does.
 */
final class IpcBridge {

    private final KernelConnectionProperties tcp;

    private IpcBridge(KernelConnectionProperties tcp) {
        this.tcp = tcp;
    }

    KernelConnectionProperties tcpProperties() {
        return tcp;
    }

    static IpcBridge start(KernelConnectionProperties ipc) throws IOException, InterruptedException {
        String json = String.format(
                "{\"ip\":\"127.0.0.1\",\"transport\":\"tcp\",\"shell_port\":%d,\"control_port\":%d,"
                        + "\"stdin_port\":%d,\"hb_port\":%d,\"iopub_port\":%d,\"signature_scheme\":\"%s\","
                        + "\"key\":\"%s\"}",
                freePort(), freePort(), freePort(), freePort(), freePort(), ipc.getSignatureScheme(), ipc.getKey());
        KernelConnectionProperties tcp = KernelConnectionProperties.parse(json);
        Path dir = Files.createTempDirectory("dlkit-ipc");
        Path script = dir.resolve("ipc_bridge.py");
        try (InputStream in = IpcBridge.class.getResourceAsStream("/dlkit/kernel/ipc_bridge.py")) {
            Files.copy(in, script);
        }
        Path ipcFile = dir.resolve("ipc.json");
        Path tcpFile = dir.resolve("tcp.json");
        Files.writeString(ipcFile, ipc.toJsonString());
        Files.writeString(tcpFile, json);
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
        return new IpcBridge(tcp);
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
                "transport ipc needs a Python with pyzmq to bridge it (set DLKIT_PYTHON, or " + "install python3-zmq)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
