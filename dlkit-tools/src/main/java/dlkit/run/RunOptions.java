package dlkit.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * What {@code ./dlkit run} was asked to do: the notebooks, the {@code -p} parameters, the Python with Jupyter, the
 * output folder, the kernel and the per-cell timeout ({@code DLKIT_CELL_TIMEOUT}). {@link RunCommand} holds the
 * command line (picocli); {@link #of} checks it.
 */
public record RunOptions(
        List<Path> notebooks,
        Map<String, String> parameters,
        String python,
        Path buildDir,
        String kernel,
        int cellTimeoutSeconds) {

    public static final int DEFAULT_CELL_TIMEOUT = 1800;

    /** The command line of {@code ./dlkit run}, parsed by picocli and checked; a problem is one line. */
    public static RunOptions parse(String[] args, Map<String, String> env) throws NotebookException {
        RunCommand command = new RunCommand();
        try {
            new CommandLine(command).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new NotebookException(e.getMessage() + "; see ./dlkit run --help");
        }
        return command.options(env);
    }

    /** Checked options; null python, build folder or kernel take their defaults. */
    static RunOptions of(
            List<Path> notebooks,
            List<String> assignments,
            String python,
            Path buildDir,
            String kernel,
            Map<String, String> env)
            throws NotebookException {
        if (notebooks.isEmpty()) {
            throw new NotebookException("no notebook given; pass one, e.g. ./dlkit run notebooks/dropout.ipynb");
        }
        for (Path nb : notebooks) {
            if (!nb.getFileName().toString().endsWith(".ipynb")) {
                throw new NotebookException(
                        nb + ": not an .ipynb file; pass a notebook such as notebooks/dropout.ipynb");
            }
        }
        return new RunOptions(
                List.copyOf(notebooks),
                ParameterInjector.parseAssignments(assignments),
                python != null ? python : defaultPython(env),
                buildDir != null ? buildDir : defaultBuildDir(),
                kernel != null ? kernel : "dlkit",
                cellTimeout(env.get("DLKIT_CELL_TIMEOUT")));
    }

    /** {@code build/} of the checkout ./dlkit runs from ({@code -Ddlkit.home}), else of the working folder. */
    static Path defaultBuildDir() {
        String home = System.getProperty("dlkit.home");
        return home != null && !home.isBlank() ? Path.of(home, "build") : Path.of("build");
    }

    /**
     * The Python with Jupyter when {@code --python} is not given (./dlkit always gives it): {@code DLKIT_PYTHON},
     * else the venv ./dlkit setup made ({@code build/venv} of the checkout this class was loaded from, or of the
     * working directory), else {@code python3} from PATH.
     */
    public static String defaultPython(Map<String, String> env) {
        List<Path> roots = new ArrayList<>();
        // the build folder (target/) -> the checkout; without a code source, the working directory only
        dlkit.tools.BuildFolder.of(RunOptions.class).map(Path::getParent).ifPresent(roots::add);
        roots.add(Path.of("").toAbsolutePath());
        return defaultPython(env, roots);
    }

    static String defaultPython(Map<String, String> env, List<Path> checkouts) {
        String configured = env.get("DLKIT_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (Path root : checkouts) {
            Path venv = root.resolve("build/venv/bin/python");
            if (java.nio.file.Files.isExecutable(venv)) {
                return venv.toString();
            }
        }
        return "python3";
    }

    static int cellTimeout(String value) throws NotebookException {
        if (value == null || value.isBlank()) {
            return DEFAULT_CELL_TIMEOUT;
        }
        try {
            int t = Integer.parseInt(value.trim());
            if (t == -1 || t > 0) {
                return t;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new NotebookException(
                "DLKIT_CELL_TIMEOUT=" + value + ": expected seconds per cell (e.g. 1800) or -1 " + "for no limit");
    }

    /** build/NAME for a notebook, without extension. */
    public Path outputBase(Path notebook) {
        String file = notebook.getFileName().toString();
        return buildDir.resolve(file.substring(0, file.length() - ".ipynb".length()));
    }
}
