package dlkit.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The per-submission cap on processes and threads. {@code RLIMIT_NPROC} (prlimit's {@code --nproc}) counts the
 * processes of the real user and does not apply to root at all, so a grader run as root (a CI job, a container)
 * had no thread limit: a fork or thread bomb in a student cell reached the machine. As root, each sandbox goes
 * into a child of the {@code pids} cgroup with {@code pids.max}; otherwise the rlimit does the job.
 */
final class ProcessCap {
    /** Children of the pids cgroup made here start with this; empty ones are removed on the next grading run. */
    static final String PREFIX = "dlkit-grade-";

    private final Path parent;

    private ProcessCap(Path parent) {
        this.parent = parent;
    }

    /** The cgroup cap when running as root with a writable pids controller, else null (the rlimit applies). */
    static ProcessCap detect() {
        if (!isRoot()) {
            return null;
        }
        Path parent = pidsCgroup();
        if (parent == null) {
            return null;
        }
        ProcessCap cap = new ProcessCap(parent);
        cap.sweep(Duration.ofMinutes(10));
        Path probe = cap.next();
        try {
            Files.createDirectory(probe);
            Files.writeString(probe.resolve("pids.max"), "1");
            return cap;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // swept next time
            }
        }
    }

    /** Why processes are not capped, for one line at the start of a run; null when they are. */
    static String uncappedReason(ProcessCap cap) {
        return cap == null && isRoot() ? "running as root without a writable pids cgroup: the per-submission "
                + "process/thread limit is not enforced (grade as an ordinary user, or give root a pids cgroup)" : null;
    }

    /**
     * argv that makes a fresh child cgroup allowing {@code max} processes and threads, enters it and runs
     * {@code command} (the shell is replaced: nothing of it stays). The cgroup is made when the sandbox starts,
     * not before, so that another run's sweep cannot remove it while it waits.
     */
    List<String> enter(int max, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "mkdir \"$1\" && echo \"$2\" > \"$1/pids.max\" "
                + "&& echo $$ > \"$1/cgroup.procs\" && shift 2 && exec \"$@\"", "sh", next().toString(),
                Integer.toString(max)));
        argv.addAll(command);
        return argv;
    }

    private Path next() {
        return parent.resolve(PREFIX + UUID.randomUUID().toString().substring(0, 13));
    }

    /**
     * Removes this parent's children left by earlier runs, once older than {@code age} (a cgroup that still
     * holds a process cannot be removed: it is in use).
     */
    void sweep(Duration age) {
        Instant before = Instant.now().minus(age);
        try (var s = Files.list(parent)) {
            s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                        Files.delete(p);
                    }
                } catch (IOException e) {
                    // in use
                }
            });
        } catch (IOException e) {
            // nothing to sweep
        }
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** This process's cgroup in the pids hierarchy (v1 {@code pids} or v2 with the pids controller), or null. */
    static Path pidsCgroup() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length < 3) {
                    continue;
                }
                Path dir = null;
                if (List.of(f[1].split(",")).contains("pids")) {
                    dir = Path.of("/sys/fs/cgroup/pids" + f[2]);
                } else if (f[0].equals("0") && f[1].isEmpty()) {
                    Path v2 = Path.of("/sys/fs/cgroup" + f[2]);
                    Path controllers = v2.resolve("cgroup.subtree_control");
                    if (Files.isReadable(controllers) && List.of(Files.readString(controllers).trim().split(" "))
                            .contains("pids")) {
                        dir = v2;
                    }
                }
                if (dir != null && Files.isDirectory(dir) && Files.isWritable(dir)) {
                    return dir;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no cgroups
        }
        return null;
    }
}
