package dlkit.tools;

import com.sun.management.HotSpotDiagnosticMXBean;
import dlkit.backend.GpuDecision;
import dlkit.backend.NvidiaSmi;
import dlkit.kernel.MemoryBudget;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./dlkit doctor}: one line per check, {@code OK}/{@code WARN}/{@code FAIL} with what to do; exit status 1
 * when any check fails. ./dlkit runs it on the build as it is (never rebuilding); without a JDK or a build it says so
 * itself.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Which Java, Maven, Jupyter (versions, pins), kernelspec, JDK sources, GPU, heap.")
final class DoctorTool implements Callable<Integer> {
    private static final String VERSIONS = """
            import sys, importlib.metadata as m
            def v(p):
                try: return m.version(p)
                except m.PackageNotFoundError: return "-"
            print(f"Python {sys.version.split()[0]}; " + ", ".join(f"{p} {v(p)}" for p in ["jupyterlab", "notebook",
                  "nbclient", "nbconvert", "jupyter_client", "jupyter_kernel_test", "nbgrader", "ipywidgets"]))
            """;
    private static final String FIND_SPEC = "from jupyter_client.kernelspec import KernelSpecManager as K; "
            + "print(K().find_kernel_specs().get(\"dlkit\", \"\"))";

    private boolean failed;

    private void ok(String s) {
        System.out.println("OK    " + s);
    }

    private void warn(String s) {
        System.out.println("WARN  " + s);
    }

    private void fail(String s) {
        System.out.println("FAIL  " + s);
        failed = true;
    }

    @Override
    public Integer call() throws IOException {
        Checkout c = Checkout.current();
        Path jdk = c.javaHome();
        // ./dlkit checked the JDK before it started this one
        ok("java: " + c.java() + " (Java " + Runtime.version().feature() + ", JDK with jshell)");
        maven(c);
        jupyter(c);
        if (Files.isDirectory(DebianPackages.FASHION_MNIST)) {
            ok("data: " + DebianPackages.FASHION_MNIST);
        } else {
            warn("data: Fashion-MNIST missing; sudo apt-get install -y dataset-fashion-mnist");
        }
        Path jar = c.build().resolve("dlkit.jar");
        if (!Files.isRegularFile(jar)) {
            fail("build: " + jar + " missing; run ./dlkit setup");
        } else if (c.stale()) {
            warn("build: " + jar + " is older than the sources; ./dlkit setup rebuilds it");
        } else {
            ok("build: " + jar + " is up to date");
        }
        kernelspec(c);
        // the JDK's sources: the kernel's contextual help (Shift-Tab, the inspector) shows Javadoc from lib/src.zip
        Path zip = jdk.resolve("lib/src.zip");
        if (Files.isReadable(zip)) {
            ok("javadoc: " + zip + " (the JDK's sources, for contextual help)");
        } else if (DebianPackages.jdkWithoutSources(jdk)) {
            warn("javadoc: " + zip + " missing, so contextual help shows no Javadoc; sudo apt-get install -y openjdk-"
                    + Runtime.version().feature() + "-source (./dlkit setup does it as root)");
        } else {
            warn("javadoc: " + zip + " missing, so contextual help shows no Javadoc; use a JDK that ships its sources");
        }
        // GPU and backend: dlkit.backend.GpuDecision's lines (the rule lives there)
        for (String line : GpuDecision.doctor(
                c.env().get("DLKIT_BACKEND"),
                NvidiaSmi.query(),
                c.which("nvidia-smi").isPresent(),
                c.cudaBuild())) {
            int sp = line.indexOf(' ');
            switch (line.substring(0, sp)) {
                case "OK" -> ok(line.substring(sp + 1));
                case "WARN" -> warn(line.substring(sp + 1));
                default -> fail(line.substring(sp + 1));
            }
        }
        heap(c);
        return failed ? 1 : 0;
    }

    private void maven(Checkout c) {
        Processes.Result r = Processes.capture(List.of("./mvnw", "-v"), c.env(), c.home(), null, 300);
        String first = r.out().lines().findFirst().orElse("").replaceAll("\u001b\\[[0-9;]*m", "");
        if (r.ok() && !first.isBlank()) {
            ok("maven: ./mvnw -> " + first);
        } else {
            fail("maven: ./mvnw could not start Maven (it downloads Maven from Maven Central once); check the network, "
                    + "then ./mvnw -v");
        }
    }

    /** Which Jupyter, how chosen, its versions against requirements.txt's pins. */
    private void jupyter(Checkout c) {
        String py = c.python();
        String how = c.ownVenv()
                ? "DLKit's venv (" + c.shown(c.venv()) + ", requirements.txt installed by ./dlkit setup)"
                : "DLKIT_PYTHON (your own Jupyter)";
        var report = Pins.check(c, c.requirements());
        String versions =
                Processes.capture(List.of(py, "-c", VERSIONS), c.env()).out().strip();
        if (report.isEmpty()) {
            fail("jupyter: " + py + " does not run (" + how + "); run ./dlkit setup");
            return;
        }
        List<Pins.Unmet> unmet = report.get();
        String missing = Pins.missingNames(unmet);
        if (!missing.isEmpty()) {
            fail("jupyter: " + py + ", " + how + ": " + versions + "; missing " + missing + "; run ./dlkit setup (or "
                    + py + " -m pip install -r " + c.requirements() + ")");
        } else if (!unmet.isEmpty()) {
            warn("jupyter: " + py + ", " + how + ": " + versions + "; differs from requirements.txt: "
                    + String.join(
                            ", ",
                            unmet.stream()
                                    .map(u -> u.name() + " " + u.have() + " (pinned " + u.pinned() + ")")
                                    .toList()));
        } else {
            ok("jupyter: " + py + ", " + how + ": " + versions + "; all requirements.txt pins met");
        }
    }

    /** Which kernelspec Jupyter will use, and what its launch.conf names. */
    private void kernelspec(Checkout c) throws IOException {
        String spec = Processes.capture(List.of(c.python(), "-c", FIND_SPEC), c.env())
                .out()
                .strip();
        if (spec.isEmpty()) {
            fail("kernelspec: dlkit not installed; run ./dlkit setup");
            return;
        }
        Path conf = Path.of(spec, "launch.conf");
        if (!Files.isReadable(conf)) {
            fail("kernelspec: " + spec + " has no launch.conf; run ./dlkit setup");
            return;
        }
        Map<String, String> values = Kernelspec.readConf(conf);
        String cp = values.getOrDefault("class_path", "");
        // the build's lib/* (older kernelspecs named dlkit.jar first)
        String first = cp.split(":")[0];
        String jar = first.endsWith("/*") ? first.substring(0, first.length() - 2) : first;
        Path user = Kernelspec.userDir(c.env());
        if (!jar.isEmpty() && !Files.exists(Path.of(jar))) {
            fail("kernelspec: " + spec + " points at " + jar + ", which is missing; run ./dlkit setup");
        } else if (!spec.equals(user.toString())) {
            warn("kernelspec: Jupyter uses " + spec + ", not " + user + " (JUPYTER_PATH earlier?); remove it or rerun "
                    + "./dlkit setup with the same JUPYTER_* settings");
        } else {
            ok("kernelspec: dlkit in " + spec + " (java " + values.getOrDefault("java_bin", "") + ", class path " + cp
                    + ", ipc bridge python " + values.getOrDefault("python_bin", "") + ")");
        }
    }

    /** The kernel's memory budget, by its one rule (dlkit.kernel.MemoryBudget), from this environment. */
    private void heap(Checkout c) {
        MemoryBudget budget;
        try {
            budget = MemoryBudget.of(c.env());
        } catch (IllegalArgumentException e) {
            fail("heap: " + e.getMessage() + "; kernels would not start");
            return;
        }
        String line = budget.describe();
        if (budget.ignoredReason() != null) {
            warn("heap: " + budget.ignoredReason() + " (kernels ignore it too); set it in bytes, at least "
                    + MemoryBudget.MIN_MEM_LIMIT + ", e.g. 4294967296 for 4 GB");
        } else if (line != null) {
            ok("heap: kernels start with " + line);
        } else {
            // this JVM was started as a kernel is without options: its default is the kernels'
            long max = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxHeapSize")
                    .getValue());
            ok("heap: JVM default -Xmx" + max / 1048576 + "m (a quarter of RAM); set DLKIT_HEAP=4g to change it");
        }
    }
}
