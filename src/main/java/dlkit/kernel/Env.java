package dlkit.kernel;

import java.nio.file.Path;

/** Every environment variable the kernel reads, in one place. */
final class Env {

    private Env() {
    }

    /** DLKIT_LOG: where library logging goes (never stderr). */
    static String logFile() {
        String v = System.getenv("DLKIT_LOG");
        return v != null && !v.isBlank() ? v
                : Path.of(System.getProperty("java.io.tmpdir"), "dlkit-kernel-" + System.getProperty("user.name")
                        + ".log").toString();
    }

    /** DLKIT_PREWARM=0 turns off loading ND4J in the background at start. */
    static boolean prewarm() {
        return !"0".equals(System.getenv("DLKIT_PREWARM"));
    }

    /** DLKIT_PYTHON: the Python (with pyzmq) that bridges ipc transport; launch.sh sets it from launch.conf. */
    static String python() {
        String v = System.getenv("DLKIT_PYTHON");
        return v != null && !v.isBlank() ? v : null;
    }

    /** DLKIT_BACKEND: cpu, cuda or auto (the launcher picks the class path; reported in the banner). */
    static String backend() {
        String v = System.getenv("DLKIT_BACKEND");
        return v == null || v.isBlank() ? "auto" : v;
    }
}
