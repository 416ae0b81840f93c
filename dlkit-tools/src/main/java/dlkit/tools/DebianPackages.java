package dlkit.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Debian packages for what PyPI does not give, once a JDK runs this (./dlkit itself names them while there is
 * none): {@code need}, without which setup cannot go on ({@code python3-venv} for DLKit's venv), and {@code want},
 * which a feature needs (the JDK's sources for Javadoc in contextual help, Fashion-MNIST for some notebooks). As root
 * on Debian one apt-get installs them; otherwise ONE line names them all.
 */
record DebianPackages(List<String> need, List<String> want) {
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    static DebianPackages missing(Checkout c) {
        List<String> need = new ArrayList<>();
        List<String> want = new ArrayList<>();
        if (jdkWithoutSources(c.javaHome())) {
            want.add("openjdk-" + Runtime.version().feature() + "-source");
        }
        if (c.ownVenv()
                && !Files.isExecutable(c.venv().resolve("bin/python"))
                && Venv.basePython(c).isEmpty()) {
            need.add("python3-venv");
        }
        if (!Files.isDirectory(FASHION_MNIST)) {
            want.add("dataset-fashion-mnist");
        }
        return new DebianPackages(need, want);
    }

    /**
     * Debian's JDK lacks its sources: its lib/src.zip is a link into openjdk-N-source, not installed (other JDKs
     * ship src.zip or not; doctor says so).
     */
    static boolean jdkWithoutSources(Path jdk) {
        Path zip = jdk.resolve("lib/src.zip");
        return !Files.isReadable(zip)
                && (Files.isSymbolicLink(zip) || jdk.toString().matches("/usr/lib/jvm/java-.*-openjdk-.*"));
    }

    List<String> all() {
        List<String> all = new ArrayList<>(need);
        all.addAll(want);
        return all;
    }

    void install(Checkout c) throws SetupException {
        List<String> all = all();
        if (all.isEmpty()) {
            return;
        }
        boolean debian = Files.isReadable(Path.of("/etc/debian_version"))
                && c.which("apt-get").isPresent();
        String pkgs = String.join(" ", all);
        if (debian
                && Processes.capture(List.of("id", "-u"), c.env()).out().strip().equals("0")) {
            c.say("installing " + pkgs);
            var env = new java.util.HashMap<>(c.env());
            env.put("DEBIAN_FRONTEND", "noninteractive");
            apt(c, env, List.of("update", "-q"));
            if (apt(c, env, install(all)) != 0) {
                // an optional package this release lacks must not stop the set-up
                if (!need.isEmpty() && apt(c, env, install(need)) != 0) {
                    throw new SetupException("apt-get install " + String.join(" ", need) + " failed (messages above); "
                            + "fix it, then run ./dlkit setup again");
                }
                c.say("note: apt-get could not install " + String.join(" ", want) + " (messages above); Javadoc in "
                        + "contextual help or some notebooks' data stay missing");
            }
            installedJdkVersion(c.javaHome())
                    .filter(v -> !v.equals(System.getProperty("java.runtime.version")))
                    .ifPresent(v -> c.say("note: apt-get upgraded the JDK to " + v + "; the kernel and the next "
                            + "./dlkit commands run on it"));
        } else if (!debian) {
            if (!need.isEmpty()) {
                throw new SetupException("not Debian: install the equivalent of " + String.join(" ", need) + " (a JDK "
                        + "17+ with jshell, a Python >= 3.11 with venv) yourself, or set JAVA_HOME / DLKIT_PYTHON; then "
                        + "./dlkit setup again");
            }
        } else if (!need.isEmpty()) {
            throw new SetupException("missing Debian packages; run: sudo apt-get update && sudo apt-get install -y "
                    + pkgs + " (then ./dlkit setup again)");
        } else {
            c.say("note: optional Debian packages missing (Javadoc in contextual help needs the JDK's sources, some "
                    + "notebooks Fashion-MNIST): sudo apt-get install -y " + pkgs);
        }
    }

    /** JAVA_RUNTIME_VERSION from the JDK's {@code release} file: what is installed there now. */
    static java.util.Optional<String> installedJdkVersion(Path jdk) {
        try {
            return Files.readAllLines(jdk.resolve("release")).stream()
                    .filter(l -> l.startsWith("JAVA_RUNTIME_VERSION="))
                    .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", ""))
                    .findFirst();
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<String> install(List<String> pkgs) {
        List<String> args = new ArrayList<>(List.of("install", "-y", "-q", "--no-install-recommends"));
        args.addAll(pkgs);
        return args;
    }

    /** apt-get ARGS, its stdout dropped (the progress), its stderr shown. */
    private static int apt(Checkout c, java.util.Map<String, String> env, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("apt-get"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        try {
            return pb.start().waitFor();
        } catch (Exception e) {
            return 127;
        }
    }
}
