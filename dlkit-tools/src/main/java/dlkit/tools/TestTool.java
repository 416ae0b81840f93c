package dlkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./dlkit test [junit[=PATTERN]] [test_NAME...]}: set-up, then JUnit ({@code ./mvnw -B test}), then the
 * Python test modules of src/test/python with the set-up Python, Jupyter's folders isolated in a temp folder that
 * holds this checkout's kernelspec, browser tests last; {@link TestSummary} prints "N passed, N failed". CI runs it
 * without arguments (everything); developers name parts.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = "JUnit + Python tests (all, or those named); prints \"N passed, N failed\".")
final class TestTool implements Callable<Integer> {
    @Parameters(
            paramLabel = "PART",
            arity = "0..*",
            description = "junit (all of JUnit), junit=PATTERN (surefire's "
                    + "-Dtest), test_NAME (a module of src/test/python); none: everything")
    List<String> parts = new ArrayList<>();

    /** What to run, from the command line. */
    record Selection(boolean junit, List<String> junitArgs, List<String> python) {
        /** Whether Python module {@code name} runs (python null: all). */
        boolean runs(String name) {
            return python == null || python.contains(name);
        }
    }

    static Selection select(List<String> parts, Path pythonTests) throws SetupException {
        if (parts.isEmpty()) {
            return new Selection(true, List.of(), null);
        }
        boolean junit = false;
        List<String> junitArgs = List.of();
        List<String> python = new ArrayList<>();
        for (String a : parts) {
            if (a.equals("junit")) {
                junit = true;
            } else if (a.startsWith("junit=")) {
                junit = true;
                junitArgs = List.of("-Dtest=" + a.substring(6), "-Dsurefire.failIfNoSpecifiedTests=false");
            } else if (a.startsWith("test_")) {
                String name = a.endsWith(".py") ? a.substring(0, a.length() - 3) : a;
                if (!Files.isRegularFile(pythonTests.resolve(name + ".py"))) {
                    throw new SetupException("no src/test/python/" + name + ".py");
                }
                python.add(name);
            } else {
                throw new SetupException(
                        "'" + a + "' is neither junit, junit=PATTERN nor a test_NAME module of " + "src/test/python");
            }
        }
        return new Selection(junit, junitArgs, python);
    }

    /** The modules in the order they run: browser tests last (they reuse the notebooks the others execute). */
    static List<String> order(List<String> modules) {
        List<String> sorted = new ArrayList<>(modules);
        sorted.sort(
                Comparator.comparing((String m) -> m.startsWith("test_browser")).thenComparing(m -> m));
        return sorted;
    }

    @Override
    public Integer call() throws IOException {
        Checkout c = Checkout.current();
        Path pythonTests = c.home().resolve("src/test/python");
        Selection sel;
        try {
            sel = select(parts, pythonTests);
        } catch (SetupException e) {
            System.err.println("dlkit test: " + e.getMessage() + " (see ./dlkit test --help)");
            return 2;
        }
        if (!Tools.prepare(c)) {
            System.out.println("0 passed, 1 failed");
            return 1;
        }
        Path tmp = Files.createTempDirectory(Path.of(c.env().getOrDefault("TMPDIR", "/tmp")), "dlkit-test.");
        try {
            return run(c, sel, pythonTests, tmp);
        } finally {
            deleteTree(tmp);
        }
    }

    private int run(Checkout c, Selection sel, Path pythonTests, Path tmp) throws IOException {
        Map<String, String> env = new HashMap<>(c.env());
        env.put("DLKIT_PYTHON", c.python()); // tests that call Python (ScipyReferenceTest) use this one
        // each part's output and exit status go to tmp/NAME.log and NAME.rc; TestSummary counts them
        List<String> ran = new ArrayList<>();
        if (sel.junit()) {
            // the whole of JUnit also checks the layout (palantir-java-format; ./mvnw spotless:apply writes it),
            // so CI fails on unformatted code; junit=PATTERN, a developer's quick loop, skips that
            boolean format = sel.junitArgs().isEmpty();
            c.say("JUnit (./mvnw -B " + (format ? "spotless:check " : "") + "test)");
            // --fail-at-end: a module's failed test still lets the modules that do not need it run theirs
            List<String> mvn = new ArrayList<>(List.of("./mvnw", "-B", "--fail-at-end", "-Dbuild.dir=" + c.build()));
            mvn.addAll(sel.junitArgs());
            if (format) {
                mvn.add("spotless:check");
            }
            mvn.add("test");
            part(tmp, "junit", Processes.tee(mvn, env, c.home(), tmp.resolve("junit.log")));
            ran.add("junit");
        }
        env.putAll(isolatedJupyter(c, tmp.resolve("jupyter")));
        String path = c.env().getOrDefault("PYTHONPATH", "");
        env.put("PYTHONPATH", pythonTests + (path.isEmpty() ? "" : ":" + path));
        List<String> modules;
        try (Stream<Path> s = Files.list(pythonTests)) {
            modules = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("test_") && n.endsWith(".py"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .toList();
        }
        for (String name : order(modules)) {
            if (!sel.runs(name)) {
                continue;
            }
            c.say(name + ".py");
            part(
                    tmp,
                    name,
                    Processes.tee(
                            List.of(c.python(), "-m", "unittest", "-v", name),
                            env,
                            c.home(),
                            tmp.resolve(name + ".log")));
            ran.add(name);
        }
        TestSummary summary = new TestSummary();
        summary.dir = tmp;
        summary.parts = ran;
        return summary.call();
    }

    private static void part(Path tmp, String name, int rc) throws IOException {
        Files.writeString(tmp.resolve(name + ".rc"), rc + "\n");
    }

    /** Jupyter's folders in {@code dir} with the staged kernelspec: tests see exactly this checkout's kernel. */
    static Map<String, String> isolatedJupyter(Checkout c, Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path spec = data.resolve("kernels/dlkit");
        Files.createDirectories(spec);
        Files.createDirectories(dir.resolve("runtime"));
        Files.createDirectories(dir.resolve("config"));
        try (Stream<Path> files = Files.list(c.build().resolve("kernelspec/dlkit"))) {
            for (Path f : files.toList()) {
                Files.copy(f, spec.resolve(f.getFileName()));
            }
        }
        return Map.of(
                "JUPYTER_PATH",
                data.toString(),
                "JUPYTER_DATA_DIR",
                data.toString(),
                "JUPYTER_RUNTIME_DIR",
                dir.resolve("runtime").toString(),
                "JUPYTER_CONFIG_DIR",
                dir.resolve("config").toString(),
                "JUPYTER_PLATFORM_DIRS",
                "0",
                "IPYTHONDIR",
                dir.resolve("ipython").toString());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
