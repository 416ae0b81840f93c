package dlkit.tools.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How many submissions run at once and what each may use. {@code --jobs} defaults to the cores, fewer when free
 * memory does not hold that many kernels; {@code --memory} (default 3 GB, less when the machine has less to
 * share) is one budget for the JVM heap and ND4J's off-heap arrays (dlkit.kernel.MemoryBudget splits MEM_LIMIT: heap
 * 70 %, off-heap 60 %, the whole process 90 %), so a cell that exceeds it gets an OutOfMemoryError and scores 0.
 */
record Limits(int jobs, long memory) {
    static final long DEFAULT_MEMORY = 3L << 30;
    static final long MIN_MEMORY = 512L << 20;

    static Limits choose(GradeCommand.Options o, int submissions) {
        int cores = Runtime.getRuntime().availableProcessors();
        long free = availableMemory();
        long memory = o.memory() > 0
                ? o.memory()
                : free > 0
                        ? Math.max(
                                MIN_MEMORY, Math.min(DEFAULT_MEMORY, free / Math.max(1, Math.min(cores, submissions))))
                        : DEFAULT_MEMORY;
        int jobs = o.jobs() > 0 ? o.jobs() : (int) Math.max(1, Math.min(cores, free > 0 ? free / memory : cores));
        return new Limits(Math.max(1, Math.min(jobs, Math.max(1, submissions))), memory);
    }

    /** The cores one submission may use: all of them one at a time, an equal share when several run at once. */
    int cpus() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
    }

    /**
     * What keeps concurrent submissions off each other's cores (empty when one runs at a time): ND4J's OpenMP threads
     * and the JVMs' own (GC, JIT, common pool), which size themselves by the cores they see, capped at {@link #cpus}.
     * Without it two kernels on two cores run four OpenMP threads that wait for each other at every parallel region.
     * {@code DLKIT_JAVA_OPTS} reaches the kernel's JVM (launch.sh) and the agent's, which takes the kernel's options.
     */
    java.util.Map<String, String> threadEnv(String javaOpts) {
        if (cpus() >= Runtime.getRuntime().availableProcessors()) {
            return java.util.Map.of();
        }
        String cap = "-XX:ActiveProcessorCount=" + cpus();
        return java.util.Map.of(
                "OMP_NUM_THREADS",
                Integer.toString(cpus()),
                "DLKIT_JAVA_OPTS",
                javaOpts == null || javaOpts.isBlank() ? cap : javaOpts + " " + cap);
    }

    /** The rlimits of one sandbox: CPU time for the whole wall limit on every core, files up to 512 MB, and generous counts. */
    Sandbox.Limits forSandbox(int wallSeconds) {
        int cores = Runtime.getRuntime().availableProcessors();
        long cpu = Math.min(Integer.MAX_VALUE, (long) wallSeconds * cores + 60);
        return new Sandbox.Limits(memory, (int) cpu, 512L << 20, 4096, 4096);
    }

    /** MemAvailable from /proc/meminfo, or 0 when unknown. */
    static long availableMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    /** 4g, 512m, 1500000000: bytes. */
    static long size(String v, String option) throws GradeException {
        String t = v.trim().toLowerCase();
        long unit = 1;
        if (t.endsWith("g") || t.endsWith("gb")) {
            unit = 1L << 30;
        } else if (t.endsWith("m") || t.endsWith("mb")) {
            unit = 1L << 20;
        } else if (t.endsWith("k") || t.endsWith("kb")) {
            unit = 1L << 10;
        }
        try {
            long n = Long.parseLong(t.replaceAll("[kmgb]+$", ""));
            if (n > 0 && n * unit >= MIN_MEMORY) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // message below
        }
        throw new GradeException(option + " " + v + ": expected a size of at least 512m, e.g. 3g or 1500m");
    }

    /**
     * The bwrap executable. Missing: installed with apt-get when running as root on Debian/Ubuntu (one line says
     * so), else a one-line error saying how to install it.
     */
    static String requireBwrap() throws GradeException {
        String bwrap = Sandbox.findBwrap();
        if (bwrap == null
                && "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            System.out.println(
                    "dlkit grade: installing bubblewrap (apt-get install bubblewrap) for the grading sandbox");
            try {
                ProcessBuilder pb = new ProcessBuilder(
                                "sh",
                                "-c",
                                "apt-get update -q >/dev/null && "
                                        + "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends bubblewrap "
                                        + ">/dev/null")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                Process p = pb.start();
                if (!p.waitFor(600, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                // the message below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bwrap = Sandbox.findBwrap();
        }
        if (bwrap == null) {
            throw new GradeException(Sandbox.INSTALL_HINT);
        }
        // user namespaces may be off (some hardened kernels, containers): say so instead of failing per student
        try {
            Process p = new ProcessBuilder(
                            bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "/bin/true")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new GradeException("bubblewrap cannot create a sandbox here ("
                        + (out.isEmpty()
                                ? "exit " + p.exitValue()
                                : out.lines().findFirst().orElse("")) + "); enable unprivileged user "
                        + "namespaces (sysctl kernel.unprivileged_userns_clone=1), or pass --no-sandbox");
            }
        } catch (IOException e) {
            throw new GradeException("cannot run " + bwrap + " (" + e.getMessage() + "); " + Sandbox.INSTALL_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GradeException("interrupted while checking bubblewrap");
        }
        return bwrap;
    }
}
