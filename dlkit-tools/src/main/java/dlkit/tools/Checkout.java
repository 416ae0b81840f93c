package dlkit.tools;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The DLKit checkout a {@code ./dlkit} command works on, as {@code ./dlkit} hands it over: {@code -Ddlkit.home} (the
 * checkout), {@code -Ddlkit.build} (where Maven builds, {@code DLKIT_BUILD_DIR}), {@code -Ddlkit.java} (the java it
 * found and checked, which the kernelspec records), {@code -Ddlkit.stale} (whether the sources are newer than the
 * build: bash's rule, it decides the rebuilds), {@code -Ddlkit.say=2} (set-up messages to stderr: the command prints
 * its product on stdout) and {@code DLKIT_PYTHON} (the Python that runs Jupyter; ./dlkit sets it to
 * {@code build/venv/bin/python} unless the user gave their own).
 */
record Checkout(
        Path home, Path build, Path java, String python, Map<String, String> env, PrintStream messages, boolean stale) {

    static Checkout current() {
        Path home = Path.of(System.getProperty("dlkit.home", "")).toAbsolutePath();
        Path build =
                Path.of(System.getProperty("dlkit.build", home.resolve("target").toString()));
        Path java = Path.of(System.getProperty(
                "dlkit.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Map<String, String> env = System.getenv();
        String python = env.getOrDefault("DLKIT_PYTHON", "");
        if (python.isBlank()) {
            python = home.resolve("build/venv/bin/python").toString();
        }
        PrintStream messages = "2".equals(System.getProperty("dlkit.say")) ? System.err : System.out;
        return new Checkout(home, build, java, python, env, messages, Boolean.getBoolean("dlkit.stale"));
    }

    /** build/venv: DLKit's own Python environment, with requirements.txt's pins. */
    Path venv() {
        return home.resolve("build/venv");
    }

    /** Whether Jupyter runs from DLKit's venv (setup makes and fills it) rather than the user's own Python. */
    boolean ownVenv() {
        return Path.of(python).equals(venv().resolve("bin/python"));
    }

    Path requirements() {
        return home.resolve("requirements.txt");
    }

    /** The JDK of {@link #java}: {@code JDK/bin/java}. */
    Path javaHome() {
        return java.toAbsolutePath().getParent().getParent();
    }

    boolean cudaBuild() {
        try (var s = Files.newDirectoryStream(build.resolve("lib"), "nd4j-cuda-*.jar")) {
            return s.iterator().hasNext();
        } catch (Exception e) {
            return false;
        }
    }

    /** The python as a path, as {@code command -v} gives it (DLKIT_PYTHON may be a bare name such as python3). */
    String pythonPath() {
        return python.contains("/") ? python : which(python).map(Path::toString).orElse(python);
    }

    /** {@code path} relative to the checkout when inside it (messages), else as it is. */
    String shown(Path path) {
        return path.startsWith(home) ? home.relativize(path).toString() : path.toString();
    }

    void say(String line) {
        messages.println("dlkit: " + line);
        messages.flush();
    }

    /** The executable {@code name} in a folder of PATH, as a shell finds it. */
    Optional<Path> which(String name) {
        String path = env.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
