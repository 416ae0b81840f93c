package dlkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dynamic class-data-sharing archive of the classes a first session loads: the kernel is ready ~0.5 s sooner.
 * Recorded by running the installed kernel once with {@code -XX:ArchiveClassesAtExit}, once per build (a failure is
 * remembered in {@code dlkit.jsa.failed} until the next build); {@code DLKIT_CDS=0} turns it off.
 *
 * <p>Recorded into a temporary file and renamed into place: kernels of other ./dlkit commands that start meanwhile
 * read the old archive or the new one, never half of one (the JVM checks an archive against the class path and
 * ignores a stale one).
 */
final class CdsArchive {
    static final String NAME = "dlkit.jsa";

    private CdsArchive() {}

    private static final String SESSION = """
            import time
            from jupyter_client.manager import start_new_kernel
            km, kc = start_new_kernel(kernel_name="dlkit", startup_timeout=120)
            for code in ["1+1", 'System.out.println("warm");', "Nd4j.rand(8, 8).mmul(Nd4j.rand(8, 8)).sumNumber()"]:
                kc.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
            kc.shutdown()
            for _ in range(120):
                if not km.is_alive():
                    break
                time.sleep(0.5)
            kc.stop_channels()
            km.shutdown_kernel(now=True)
            """;

    /** Whether the build has no archive younger than its jar (nor a failed try). */
    static boolean wanted(Checkout c) throws IOException {
        if ("0".equals(c.env().get("DLKIT_CDS"))) {
            return false;
        }
        // the build's time: ./dlkit's stamp after each build (a module's jar is not rewritten when it is unchanged)
        Path stamp = c.build().resolve(".dlkit-build-stamp");
        Path jar = Files.exists(stamp) ? stamp : c.build().resolve("dlkit.jar");
        return olderThan(c.build().resolve(NAME), jar) && olderThan(c.build().resolve(NAME + ".failed"), jar);
    }

    private static boolean olderThan(Path p, Path jar) throws IOException {
        return !Files.exists(p) || Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(p)) > 0;
    }

    /** Records the archive; true when there is one now. */
    static boolean record(Checkout c) throws IOException {
        Path jsa = c.build().resolve(NAME);
        Path failed = c.build().resolve(NAME + ".failed");
        Path tmp = c.build().resolve(NAME + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(failed);
        c.say("recording the class-data-sharing archive (once per build, ~15 s) ...");
        Map<String, String> env = new HashMap<>(c.env());
        env.put("DLKIT_JAVA_OPTS", env.getOrDefault("DLKIT_JAVA_OPTS", "") + " -XX:ArchiveClassesAtExit=" + tmp);
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        // not through the previous archive: a stale one (the class path changed) disables sharing, and the JVM then
        // refuses to dump ("base CDS archive is not loaded")
        env.put("DLKIT_CDS", "0");
        Processes.capture(List.of(c.python(), "-"), env, null, SESSION, 300);
        if (Files.isRegularFile(tmp) && Files.size(tmp) > 0) {
            Files.move(tmp, jsa, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            c.say("class-data-sharing archive: " + c.shown(jsa));
            return true;
        }
        Files.deleteIfExists(tmp);
        Files.createFile(failed);
        c.say("note: no class-data-sharing archive (the kernel did not exit cleanly); startup is ~0.5 s slower");
        return false;
    }
}
