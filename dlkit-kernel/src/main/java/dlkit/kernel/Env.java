package dlkit.kernel;

import java.nio.file.Path;

/** Every environment variable the kernel reads, in one place. */
final class Env {

    private Env() {}

    /** DLKIT_LOG: where library logging goes (never stderr). */
    static String logFile() {
        String v = System.getenv("DLKIT_LOG");
        return v != null && !v.isBlank()
                ? v
                : Path.of(
                                System.getProperty("java.io.tmpdir"),
                                "dlkit-kernel-" + System.getProperty("user.name") + ".log")
                        .toString();
    }

    /** DLKIT_PREWARM=0 turns off the extensions' warm-up in the background at start (loading ND4J, for DLKit). */
    static boolean prewarm() {
        return !"0".equals(System.getenv("DLKIT_PREWARM"));
    }

    /** DLKIT_PYTHON: the Python (with pyzmq) that bridges ipc transport; launch.sh sets it from launch.conf. */
    static String python() {
        String v = System.getenv("DLKIT_PYTHON");
        return v != null && !v.isBlank() ? v : null;
    }
}
