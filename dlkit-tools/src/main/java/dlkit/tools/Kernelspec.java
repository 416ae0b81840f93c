package dlkit.tools;

import dlkit.kernel.MemoryBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code dlkit} kernelspec: kernel/ staged into BUILD/kernelspec/dlkit with a {@code launch.conf} that names the
 * absolute java, class path, Python (the ipc bridge's pyzmq), CDS archive, the JVM options of the memory rule and
 * whether the build carries the CUDA backend, then installed {@code --user}. {@code kernel/launch.sh} decides
 * nothing: it passes these and the environment on to the JVM.
 */
final class Kernelspec {
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private Kernelspec() {}

    static Path stage(Checkout c) throws IOException {
        Path dir = c.build().resolve("kernelspec/dlkit");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(c.home().resolve("kernel"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path tmp = temporary(dir);
                Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                replace(tmp, dir.resolve(f.getFileName()));
            }
        }
        StringBuilder conf = new StringBuilder(
                "# written by ./dlkit setup; rerun it after moving the checkout or " + "changing Java\n");
        conf.append("java_bin=").append(sq(c.java().toString())).append('\n');
        // lib/: the kernel, the library and their jars; the tools (dlkit.jar) stay out of the notebook's namespace
        conf.append("class_path=").append(sq(c.build().resolve("lib") + "/*")).append('\n');
        conf.append("python_bin=").append(sq(c.pythonPath())).append('\n');
        // the JVM options of the memory rule (dlkit.kernel.MemoryBudget), which launch.sh only passes on
        conf.append("mem_limit_options=")
                .append(sq(String.join(" ", MemoryBudget.memLimitOptions())))
                .append('\n');
        conf.append("min_mem_limit=").append(MemoryBudget.MIN_MEM_LIMIT).append('\n');
        conf.append("collector=").append(sq(MemoryBudget.COLLECTOR)).append('\n');
        // launch.sh asks dlkit.backend.GpuDecision which backend to use only when the build has both
        conf.append("cuda_build=").append(c.cudaBuild() ? '1' : '0').append('\n');
        Path jsa = c.build().resolve(CdsArchive.NAME);
        if (Files.isRegularFile(jsa)) {
            conf.append("cds_archive=").append(sq(jsa.toString())).append('\n');
        }
        replace(Files.writeString(temporary(dir), conf), dir.resolve("launch.conf"));
        return dir;
    }

    // A grader copies launch.sh and launch.conf from the staged folder while other commands may stage it again:
    // each file is written aside and renamed into place, so a reader sees the old file or the new one, whole.
    private static Path temporary(Path dir) throws IOException {
        // readable by all, as a file written in place was (a temporary file starts owner-only)
        return Files.createTempFile(dir, ".staging-", ".tmp", PosixFilePermissions.asFileAttribute(READABLE));
    }

    private static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Where {@code jupyter kernelspec install --user} puts it. */
    static Path userDir(Map<String, String> env) {
        String data = env.get("JUPYTER_DATA_DIR");
        if (data == null || data.isEmpty()) {
            String xdg = env.get("XDG_DATA_HOME");
            data = (xdg == null || xdg.isEmpty() ? env.getOrDefault("HOME", "") + "/.local/share" : xdg) + "/jupyter";
        }
        return Path.of(data, "kernels", "dlkit");
    }

    static void install(Checkout c, Path staged) throws IOException, SetupException {
        Path dest = userDir(c.env());
        if (sameFiles(staged, dest)) {
            return;
        }
        Map<String, String> env = new HashMap<>(c.env());
        env.put("PYTHONWARNINGS", "ignore::DeprecationWarning");
        List<String> cmd = List.of(
                c.python(),
                "-m",
                "jupyter_client.kernelspecapp",
                "install",
                "--user",
                "--name",
                "dlkit",
                staged.toString(),
                "--log-level=WARN");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        int rc;
        try {
            rc = pb.start().waitFor();
        } catch (IOException e) {
            rc = 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rc = 130;
        }
        if (rc != 0) {
            throw new SetupException("installing the kernelspec failed; try: " + String.join(" ", cmd));
        }
        c.say("kernelspec dlkit installed in " + dest);
    }

    /** Same file names and contents, recursively (what {@code diff -rq} checks). */
    static boolean sameFiles(Path a, Path b) throws IOException {
        if (!Files.isDirectory(a) || !Files.isDirectory(b)) {
            return false;
        }
        String[] na = names(a);
        if (!Arrays.equals(na, names(b))) {
            return false;
        }
        for (String n : na) {
            Path fa = a.resolve(n);
            Path fb = b.resolve(n);
            if (Files.isDirectory(fa) ? !sameFiles(fa, fb) : Files.mismatch(fa, fb) != -1) {
                return false;
            }
        }
        return true;
    }

    private static String[] names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    /** A value quoted for sh: launch.sh sources launch.conf. */
    static String sq(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** launch.conf's {@code key='value'} lines (what sq wrote, read back). */
    static Map<String, String> readConf(Path conf) throws IOException {
        return dlkit.tools.grade.LaunchConf.parse(Files.readString(conf));
    }
}
