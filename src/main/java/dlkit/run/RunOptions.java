package dlkit.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code ./dlkit run}: {@code NOTEBOOK... [-p name=value ...]} plus the options the
 * launcher passes ({@code --python}, {@code --build-dir}, {@code --kernel}).
 */
public record RunOptions(List<Path> notebooks, Map<String, String> parameters, String python, Path buildDir,
                         String kernel, int cellTimeoutSeconds) {

    public static final String USAGE = "usage: ./dlkit run NOTEBOOK.ipynb... [-p name=value ...]";
    public static final int DEFAULT_CELL_TIMEOUT = 1800;

    public static RunOptions parse(String[] args, Map<String, String> env) throws NotebookException {
        List<Path> notebooks = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        String python = defaultPython(env);
        Path buildDir = Path.of("build");
        String kernel = "dlkit";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-p", "--param", "--parameter" -> assignments.add(value(args, ++i, a));
                case "--python" -> python = value(args, ++i, a);
                case "--build-dir" -> buildDir = Path.of(value(args, ++i, a));
                case "--kernel" -> kernel = value(args, ++i, a);
                case "-h", "--help" -> throw new NotebookException(USAGE);
                default -> {
                    if (a.startsWith("-p") && a.length() > 2 && a.contains("=")) {
                        assignments.add(a.substring(2));
                    } else if (a.startsWith("-")) {
                        throw new NotebookException("unknown option " + a + "; " + USAGE);
                    } else {
                        notebooks.add(Path.of(a));
                    }
                }
            }
        }
        if (notebooks.isEmpty()) {
            throw new NotebookException("no notebook given; " + USAGE + " (e.g. ./dlkit run notebooks/dropout.ipynb)");
        }
        for (Path nb : notebooks) {
            if (!nb.getFileName().toString().endsWith(".ipynb")) {
                throw new NotebookException(nb + ": not an .ipynb file; pass a notebook such as notebooks/dropout.ipynb");
            }
        }
        return new RunOptions(notebooks, ParameterInjector.parseAssignments(assignments), python, buildDir, kernel,
                cellTimeout(env.get("DLKIT_CELL_TIMEOUT")));
    }

    /**
     * The Python with Jupyter when {@code --python} is not given (./dlkit always gives it): {@code DLKIT_PYTHON},
     * else the venv ./dlkit setup made ({@code build/venv} of the checkout this class was loaded from, or of the
     * working directory), else {@code python3} from PATH.
     */
    public static String defaultPython(Map<String, String> env) {
        List<Path> roots = new ArrayList<>();
        try {
            // target/dlkit.jar or target/classes -> the checkout
            Path code = Path.of(RunOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (code.getParent() != null && code.getParent().getParent() != null) {
                roots.add(code.getParent().getParent());
            }
        } catch (Exception e) {
            // no code source (unusual class loader): the working directory only
        }
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
        throw new NotebookException("DLKIT_CELL_TIMEOUT=" + value + ": expected seconds per cell (e.g. 1800) or -1 "
                + "for no limit");
    }

    private static String value(String[] args, int i, String option) throws NotebookException {
        if (i >= args.length) {
            throw new NotebookException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    /** build/NAME for a notebook, without extension. */
    public Path outputBase(Path notebook) {
        String file = notebook.getFileName().toString();
        return buildDir.resolve(file.substring(0, file.length() - ".ipynb".length()));
    }
}
