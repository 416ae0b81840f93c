package dlkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** build/venv with requirements.txt installed; re-installed only when requirements.txt changes (its hash). */
final class Venv {
    private Venv() {}

    private static final List<String> CANDIDATES =
            List.of("python3", "python3.14", "python3.13", "python3.12", "python3.11");

    /** A Python >= 3.11 (requirements.txt's floor: nbgrader, SciPy) that can make a venv with pip. */
    static Optional<Path> basePython(Checkout c) {
        for (String name : CANDIDATES) {
            Optional<Path> p = c.which(name).filter(py -> canMakeVenv(c, py));
            if (p.isPresent()) {
                return p;
            }
        }
        Path system = Path.of("/usr/bin/python3");
        return Files.isExecutable(system) && canMakeVenv(c, system) ? Optional.of(system) : Optional.empty();
    }

    private static boolean canMakeVenv(Checkout c, Path python) {
        return Processes.capture(
                        List.of(
                                python.toString(),
                                "-c",
                                "import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))"),
                        c.env())
                .ok();
    }

    static void ensure(Checkout c) throws SetupException, IOException {
        Path venv = c.venv();
        Path python = venv.resolve("bin/python");
        Path stampFile = venv.resolve(".dlkit-requirements");
        String stamp = sha256(c.requirements());
        if (Files.isExecutable(python)
                && Files.exists(stampFile)
                && Files.readString(stampFile).strip().equals(stamp)) {
            return;
        }
        String shown = c.shown(venv);
        if (!Files.isExecutable(python)) {
            Path base = basePython(c)
                    .orElseThrow(() -> new SetupException("no Python >= 3.11 with venv found; install "
                            + "one: sudo apt-get install -y python3-venv (or set DLKIT_PYTHON to a Python that has "
                            + "requirements.txt installed)"));
            c.say("creating " + shown + " with " + base + " ...");
            if (Processes.passThrough(
                            List.of(base.toString(), "-m", "venv", venv.toString()), c.env(), null, c.messages())
                    != 0) {
                throw new SetupException(base + " -m venv " + venv + " failed; install python3-venv (sudo apt-get "
                        + "install -y python3-venv) and run ./dlkit setup again");
            }
        }
        c.say("installing Jupyter from requirements.txt into " + shown + " (once, ~1 min) ...");
        List<String> pip = List.of(python.toString(), "-m", "pip", "install", "-q", "--disable-pip-version-check");
        if (Processes.passThrough(concat(pip, "--upgrade", "pip"), c.env(), null, c.messages()) != 0
                || Processes.passThrough(concat(pip, "-r", c.requirements().toString()), c.env(), null, c.messages())
                        != 0) {
            throw new SetupException("pip could not install requirements.txt into " + venv + " (messages above); "
                    + "check the network to PyPI, then run ./dlkit setup again");
        }
        Files.writeString(stampFile, stamp + "\n");
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
