package dlkit.tools;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./dlkit setup}, after ./dlkit found a JDK and built: the Debian packages PyPI does not give, Jupyter (DLKit's
 * venv from requirements.txt, or the user's {@code DLKIT_PYTHON} checked against the pins, never installed into),
 * the kernelspec and the class-data-sharing archive. Idempotent; every ./dlkit command but doctor runs it first.
 */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = "Jupyter (requirements.txt) into build/venv, build (+CUDA for a GPU), kernelspec.")
final class SetupTool implements Callable<Integer> {

    @Override
    public Integer call() {
        Checkout c = Checkout.current();
        if (!Tools.prepare(c)) {
            return 1;
        }
        c.say("ready: ./dlkit run notebooks/<name>.ipynb, ./dlkit notebook, ./dlkit test");
        return 0;
    }

    /**
     * Everything but the build, one command at a time per build folder: commands started together (two graders, a
     * run beside a test) would otherwise install Jupyter twice and stage the kernelspec over each other.
     */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    static void prepare(Checkout c) throws SetupException, IOException {
        Files.createDirectories(c.build());
        try (FileChannel channel = FileChannel.open(
                        c.build().resolve(".dlkit-setup-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = waitFor(c, channel)) {
            DebianPackages.missing(c).install(c);
            if (c.ownVenv()) {
                Venv.ensure(c);
            } else {
                checkOwnPython(c);
            }
            Kernelspec.install(c, Kernelspec.stage(c));
            if (CdsArchive.wanted(c) && CdsArchive.record(c)) {
                Kernelspec.install(c, Kernelspec.stage(c)); // launch.conf names the archive now
            }
        }
    }

    private static FileLock waitFor(Checkout c, FileChannel channel) throws IOException {
        FileLock lock = channel.tryLock();
        if (lock == null) {
            c.say("waiting for another ./dlkit command to finish setting up ...");
            lock = channel.lock();
        }
        return lock;
    }

    /** The user's own Jupyter (DLKIT_PYTHON): checked against requirements.txt, never installed into. */
    private static void checkOwnPython(Checkout c) throws SetupException {
        String py = c.python();
        String fix = "run: " + py + " -m pip install -r " + c.requirements() + " (or unset DLKIT_PYTHON to use "
                + "DLKit's own venv)";
        List<Pins.Unmet> unmet = Pins.check(c, c.requirements())
                .orElseThrow(() -> new SetupException("DLKIT_PYTHON=" + py + " does not run; " + fix));
        String missing = Pins.missingNames(unmet);
        if (!missing.isEmpty()) {
            throw new SetupException("DLKIT_PYTHON=" + py + " lacks " + missing + "; " + fix);
        }
        if (!unmet.isEmpty()) {
            c.say("note: DLKIT_PYTHON's versions differ from requirements.txt ("
                    + String.join(
                            "; ",
                            unmet.stream()
                                    .map(u -> u.name() + " " + u.have() + ", pinned " + u.pinned())
                                    .toList())
                    + "); ./dlkit doctor shows them");
        }
    }
}
