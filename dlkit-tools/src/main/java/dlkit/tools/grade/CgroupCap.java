package dlkit.tools.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hard caps on one sandbox's processes + threads and memory, from cgroups. {@code RLIMIT_NPROC} (prlimit's
 * {@code --nproc}) counts the real user's processes and does not apply to root at all, and no rlimit bounds the
 * memory a JVM touches; so a grader run as root (a CI job, a container) let a thread bomb or an 8 GB array reach
 * the machine. As root, each sandbox enters cgroups of its own ({@code pids.max}; a memory limit above the
 * {@code --memory} budget that the JVM and JavaCPP enforce with clear errors, so only a runaway is killed).
 * Not root, or no writable controllers: the rlimits apply, as before.
 *
 * @param pids   the cgroup (v1: the pids hierarchy's) the sandboxes' cgroups are made in
 * @param memory the one (v1: the memory hierarchy's) for the memory cap, or null when it is not writable
 * @param v2     whether it is the unified (v2) hierarchy
 */
record CgroupCap(Path pids, Path memory, boolean v2) {
    /** Children made here start with this; ended ones are removed by later runs. */
    static final String PREFIX = "dlkit-grade-";

    /** The caps when running as root with a writable pids controller (memory too when writable), else null. */
    static CgroupCap detect() {
        if (!isRoot()) {
            return null;
        }
        Map<String, Path> dirs = controllers();
        Path unified = dirs.get("");
        CgroupCap cap = dirs.containsKey("pids")
                ? new CgroupCap(dirs.get("pids"), dirs.get("memory"), false)
                : unified != null ? new CgroupCap(unified, enabled(unified, "memory") ? unified : null, true) : null;
        if (cap == null) {
            return null;
        }
        cap.sweep(Duration.ofMinutes(10));
        String name = name();
        try {
            for (Map.Entry<Path, String> w : cap.writes(name, 1, 1L << 30).entrySet()) {
                Files.createDirectories(w.getKey().getParent());
                Files.writeString(w.getKey(), w.getValue());
            }
            return cap;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            for (Path root : new Path[] {cap.pids, cap.memory}) {
                try {
                    if (root != null) {
                        Files.deleteIfExists(root.resolve(name));
                    }
                } catch (IOException e) {
                    // swept next time
                }
            }
        }
    }

    /** Why nothing is capped, for one line at the start of a run; null when capped or not root. */
    static String uncappedReason(CgroupCap cap) {
        return cap == null && isRoot()
                ? "running as root without a writable pids cgroup: the per-submission "
                        + "process/thread and memory caps are not enforced (grade as an ordinary user, or give root cgroups)"
                : null;
    }

    /** Whether a runaway's memory is capped too (the memory controller was writable). */
    boolean capsMemory() {
        return memory != null;
    }

    /**
     * argv that makes this sandbox's cgroups (at most {@code maxPids} processes and threads; {@code memoryBytes}
     * of memory), enters them and runs {@code command} (the shell is replaced: nothing of it stays). They are made
     * when the sandbox starts, not before, so that another run's sweep cannot remove them while they wait; a second
     * start of the same sandbox (the grader's retry when Java did not start) first removes the first one's, which is
     * empty by then (a cgroup that still holds a process cannot be removed, and mkdir then fails).
     */
    List<String> enter(int maxPids, long memoryBytes, List<String> command) {
        StringBuilder script = new StringBuilder();
        List<String> args = new ArrayList<>();
        String name = name();
        Map<Path, String> writes = writes(name, maxPids, memoryBytes);
        for (Path dir : new java.util.LinkedHashSet<>(
                writes.keySet().stream().map(Path::getParent).toList())) {
            args.add(dir.toString());
            script.append("{ rmdir \"$")
                    .append(args.size())
                    .append("\" 2>/dev/null; mkdir \"$")
                    .append(args.size())
                    .append("\"; } && ");
        }
        for (Map.Entry<Path, String> w : writes.entrySet()) {
            args.add(w.getValue());
            args.add(w.getKey().toString());
            script.append("echo \"$")
                    .append(args.size() - 1)
                    .append("\" > \"$")
                    .append(args.size())
                    .append("\" && ");
        }
        for (Path dir : new java.util.LinkedHashSet<>(
                writes.keySet().stream().map(Path::getParent).toList())) {
            args.add(dir.resolve("cgroup.procs").toString());
            script.append("echo $$ > \"$").append(args.size()).append("\" && ");
        }
        script.append("shift ").append(args.size()).append(" && exec \"$@\"");
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "sh"));
        argv.addAll(args);
        argv.addAll(command);
        return argv;
    }

    /** The files to write, in order: the pids limit, then the memory limit (v1 or v2 names). */
    private Map<Path, String> writes(String name, int maxPids, long memoryBytes) {
        Map<Path, String> w = new LinkedHashMap<>();
        w.put(pids.resolve(name).resolve("pids.max"), Integer.toString(maxPids));
        if (memory != null) {
            w.put(
                    memory.resolve(name).resolve(v2 ? "memory.max" : "memory.limit_in_bytes"),
                    Long.toString(memoryBytes));
        }
        return w;
    }

    private static String name() {
        return PREFIX + UUID.randomUUID().toString().substring(0, 13);
    }

    /**
     * Removes the children left by earlier runs, once older than {@code age} (a cgroup that still holds a process
     * cannot be removed: it is in use).
     */
    void sweep(Duration age) {
        Instant before = Instant.now().minus(age);
        for (Path root : new Path[] {pids, memory}) {
            if (root == null) {
                continue;
            }
            try (var s = Files.list(root)) {
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
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * This process's writable cgroup folders: per v1 controller name ("pids", "memory"), and "" for a v2
     * cgroup whose children may use the pids controller.
     */
    static Map<String, Path> controllers() {
        Map<String, Path> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length < 3) {
                    continue;
                }
                for (String c : f[1].split(",")) {
                    Path dir = Path.of("/sys/fs/cgroup/" + c + f[2]);
                    if ((c.equals("pids") || c.equals("memory")) && Files.isDirectory(dir) && Files.isWritable(dir)) {
                        out.put(c, dir);
                    }
                }
                Path v2 = Path.of("/sys/fs/cgroup" + f[2]);
                if (f[0].equals("0") && f[1].isEmpty() && enabled(v2, "pids") && Files.isWritable(v2)) {
                    out.put("", v2);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no cgroups
        }
        return out;
    }

    /** Whether a v2 cgroup passes {@code controller} to its children. */
    private static boolean enabled(Path v2, String controller) {
        try {
            return List.of(Files.readString(v2.resolve("cgroup.subtree_control"))
                            .trim()
                            .split(" "))
                    .contains(controller);
        } catch (IOException e) {
            return false;
        }
    }
}
