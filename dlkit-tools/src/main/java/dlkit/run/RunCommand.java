package dlkit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./dlkit run}: validates every notebook and injects {@code -p} parameters first (so a bad notebook or
 * parameter stops the run before anything executes or is overwritten), then executes each one headlessly
 * through nbconvert with the DLKit kernel into {@code build/NAME.ipynb} and {@code build/NAME.html}.
 *
 * <p>Exit status: 0 all cells ran; 1 a cell failed (the executed notebook still shows the error); 2 bad
 * command line or notebook; 3 nbconvert itself failed (kernel did not start or died).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Execute notebooks headlessly -> build/NAME.ipynb and build/NAME.html.",
        footer = "Exit status: 0 all cells ran, 1 a cell failed, 2 bad command line or notebook, 3 nbconvert failed.")
public final class RunCommand implements Callable<Integer> {
    private static final String PREFIX = "dlkit run: ";

    @Parameters(paramLabel = "NOTEBOOK.ipynb", arity = "1..*", description = "the notebooks to run")
    List<Path> notebooks = new ArrayList<>();

    @Mixin
    ParamOption params = new ParamOption();

    @Mixin
    PythonOption python = new PythonOption();

    @Option(names = "--build-dir", paramLabel = "DIR", description = "output folder (default: the checkout's build/)")
    Path buildDir;

    @Option(names = "--kernel", paramLabel = "NAME", description = "kernelspec name (default dlkit)")
    String kernel;

    @Override
    public Integer call() {
        try {
            return run(options(System.getenv()));
        } catch (NotebookException e) {
            System.err.println(PREFIX + e.getMessage());
            return 2;
        }
    }

    RunOptions options(Map<String, String> env) throws NotebookException {
        return RunOptions.of(notebooks, params.assignments(), python.python(), buildDir, kernel, env);
    }

    /** The command line {@code args} (without "run") run with environment {@code env}. */
    static int run(String[] args, Map<String, String> env) {
        try {
            return run(RunOptions.parse(args, env));
        } catch (NotebookException e) {
            System.err.println(PREFIX + e.getMessage());
            return 2;
        }
    }

    static int run(RunOptions options) {
        List<Prepared> prepared = new ArrayList<>();
        try {
            Map<Path, Path> outputs = new HashMap<>();
            for (Path path : options.notebooks()) {
                Path out = options.outputBase(path);
                Path other = outputs.put(out, path);
                if (other != null) {
                    throw new NotebookException(
                            path + " and " + other + " would both write " + out + ".ipynb; run them one at a time");
                }
                NotebookFile nb = NotebookFile.read(path);
                String injected = ParameterInjector.inject(nb, options.parameters());
                prepared.add(new Prepared(nb, out, injected));
            }
        } catch (NotebookException e) {
            System.err.println(PREFIX + e.getMessage());
            return 2;
        }

        Nbconvert nbconvert = new Nbconvert(options.python(), options.kernel(), options.cellTimeoutSeconds());
        int status = 0;
        for (Prepared p : prepared) {
            status = Math.max(status, execute(p, nbconvert));
        }
        return status;
    }

    private record Prepared(NotebookFile notebook, Path outputBase, String injected) {}

    private static int execute(Prepared p, Nbconvert nbconvert) {
        Path source = p.notebook().path();
        Path ipynb = Path.of(p.outputBase() + ".ipynb");
        Path html = Path.of(p.outputBase() + ".html");
        long start = System.nanoTime();
        System.out.println(PREFIX + "executing " + source
                + (p.injected() == null
                        ? ""
                        : " with "
                                + p.injected()
                                        .lines()
                                        .skip(1)
                                        .map(String::strip)
                                        .reduce((a, b) -> a + " " + b)
                                        .orElse("")));
        System.out.flush();
        try {
            // A failed run must not leave the previous run's results looking fresh.
            Files.deleteIfExists(ipynb);
            Files.deleteIfExists(html);
            Files.createDirectories(ipynb.toAbsolutePath().getParent());
            Path cwd = source.toAbsolutePath().getParent();
            int rc = Nbconvert.run(
                    nbconvert.executeCommand(
                            ipynb.getParent() == null ? Path.of(".") : ipynb.getParent(),
                            p.outputBase().getFileName().toString()),
                    cwd,
                    p.notebook().toJson());
            if (rc != 0 || !Files.exists(ipynb)) {
                System.err.println(PREFIX + source + ": nbconvert failed (exit " + rc + ") before writing " + ipynb
                        + "; the messages above say why (kernel did not start: ./dlkit doctor; it died: out of memory?"
                        + " try DLKIT_HEAP=8g)");
                return 3;
            }
            NotebookFile executed = NotebookFile.read(ipynb);
            CellReport report = CellReport.of(executed);
            int htmlRc = Nbconvert.run(nbconvert.htmlCommand(ipynb), cwd, null);
            double seconds = (System.nanoTime() - start) / 1e9;
            String outputs = ipynb + (htmlRc == 0 ? " and " + html : " (HTML conversion failed, exit " + htmlRc + ")");
            if (!report.stderrCells().isEmpty()) {
                System.out.println(PREFIX + "warning: cells " + join(report.stderrCells())
                        + " wrote to stderr (nbgrader gives 0 points to a graded cell with stderr output)");
            }
            if (report.ok()) {
                System.out.printf(
                        "%s%s: %d code cells ran in %.1f s -> %s%n",
                        PREFIX, source, report.codeCells(), seconds, outputs);
                return htmlRc == 0 ? 0 : 3;
            }
            for (CellReport.Failure f : report.failures()) {
                System.err.println(PREFIX + source + ": " + f);
            }
            System.err.printf(
                    "%s%s: %d of %d code cells failed (%.1f s); see the errors in %s%n",
                    PREFIX, source, report.failures().size(), report.codeCells(), seconds, outputs);
            return 1;
        } catch (NotebookException e) {
            System.err.println(PREFIX + "the executed notebook is unreadable: " + e.getMessage());
            return 3;
        } catch (IOException e) {
            System.err.println(PREFIX + source + ": " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    private static String join(List<Integer> cells) {
        StringBuilder sb = new StringBuilder();
        for (int c : cells) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c);
        }
        return sb.toString();
    }
}
