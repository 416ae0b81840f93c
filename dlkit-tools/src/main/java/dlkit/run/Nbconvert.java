package dlkit.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The two nbconvert invocations of a run: execute with the DLKit kernel, then render HTML.
 *
 * @param python             the Python with Jupyter
 * @param kernel             the kernelspec name
 * @param cellTimeoutSeconds nbclient's per-cell timeout
 */
public record Nbconvert(String python, String kernel, int cellTimeoutSeconds) {
    private static final String TEMPLATE = "dlkit";

    /**
     * Executes a notebook read from stdin (so the kernel's working directory is the process's, which the
     * caller sets to the notebook's folder) and writes {@code outputDir/name.ipynb}. Errors are allowed so
     * the executed notebook is always written; the caller checks its outputs. On a cell timeout the kernel
     * is interrupted, the cell gets the kernel's error output and the run goes on.
     */
    public List<String> executeCommand(Path outputDir, String name) {
        List<String> cmd = new ArrayList<>(List.of(
                python,
                "-m",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--allow-errors",
                "--stdin",
                "--log-level=WARN",
                "--output-dir",
                outputDir.toAbsolutePath().toString(),
                "--output",
                name,
                "--ExecutePreprocessor.kernel_name=" + kernel,
                "--ExecutePreprocessor.timeout=" + cellTimeoutSeconds,
                "--ExecutePreprocessor.startup_timeout=120",
                "--ExecutePreprocessor.interrupt_on_timeout=True"));
        return cmd;
    }

    /** HTML with DLKit's template (JupyterLab's, plus figures' alt text), which it unpacks next to the output. */
    public List<String> htmlCommand(Path executedNotebook) throws IOException {
        Path abs = executedNotebook.toAbsolutePath();
        Path templates = abs.getParent().resolve(".nbconvert-templates");
        Path dir = Files.createDirectories(templates.resolve(TEMPLATE));
        for (String file : List.of("conf.json", "index.html.j2")) {
            try (InputStream in = Nbconvert.class.getResourceAsStream("nbconvert/" + TEMPLATE + "/" + file)) {
                if (in == null) {
                    throw new IOException("the nbconvert template " + file + " is missing from DLKit's jar; rebuild");
                }
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return List.of(
                python,
                "-m",
                "nbconvert",
                "--to",
                "html",
                "--log-level=WARN",
                "--TemplateExporter.extra_template_basedirs=" + templates,
                "--template",
                TEMPLATE,
                "--output-dir",
                abs.getParent().toString(),
                abs.toString());
    }

    /** Runs {@code cmd} in {@code cwd} with {@code stdin} as input; its output goes to ours. Returns the exit code. */
    public static int run(List<String> cmd, Path cwd, String stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(cwd.toFile())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putIfAbsent("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + cmd.get(0) + " (" + e.getMessage() + "); run ./dlkit setup", e);
        }
        // If we are stopped (Ctrl-C, timeout), take nbconvert and the kernel it started down with us:
        // a kernel whose nbconvert dies would otherwise keep running.
        Process child = p;
        Thread reaper = new Thread(
                () -> {
                    child.descendants().forEach(ProcessHandle::destroy);
                    child.destroy();
                },
                "dlkit-run-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            return feedAndWait(p, stdin);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private static int feedAndWait(Process p, String stdin) throws InterruptedException {
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // It exited without reading its input (broken pipe); its exit code says what happened.
            }
        }
        return p.waitFor();
    }
}
