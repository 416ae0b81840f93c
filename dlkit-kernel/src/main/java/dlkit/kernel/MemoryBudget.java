package dlkit.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The kernel's memory budget, the one place of this rule. {@code DLKIT_HEAP} (e.g. {@code 4g}) sets the Java heap and
 * nothing else. Else {@code MEM_LIMIT} (bytes: JupyterHub, Binder, the grader's sandbox, Slurm and Kubernetes set
 * it) is split: the heap 70 %, JavaCPP's off-heap memory (ND4J's arrays) at most 60 %, and the whole process at most
 * 90 % (JavaCPP's {@code maxphysicalbytes}), so that ND4J throws {@code OutOfMemoryError} before the container's OOM
 * killer strikes. Neither: the JVM's defaults (a quarter of RAM). Also the heap's {@link #COLLECTOR}.
 *
 * <p>The heap is fixed as the JVM starts, where asking Java would cost a JVM start (~0.4 s) per kernel; so
 * {@code kernel/launch.sh} only passes the variables on ({@link #jvmOptions}: {@code MEM_LIMIT} as
 * {@code -XX:MaxRAM}, with the percentages {@code ./dlkit setup} wrote into {@code launch.conf} from
 * {@link #memLimitOptions}), the JVM's ergonomics size the heap, and the kernel sets JavaCPP's limits itself
 * ({@link #applyOffHeapLimits}) before anything loads ND4J.
 *
 * @param heap          DLKIT_HEAP's size for {@code -Xmx}, or null
 * @param memLimit      MEM_LIMIT in bytes when it sets the budget, else 0
 * @param ignoredReason why MEM_LIMIT is not used (not a byte count, or below {@link #MIN_MEM_LIMIT}), or null
 */
public record MemoryBudget(String heap, long memLimit, String ignoredReason) {

    /**
     * The collector kernels start with unless {@code DLKIT_JAVA_OPTS} names one: Serial, the fewest threads and the
     * smallest footprint on the 2-core machines courses use, and faster to a first cell than G1 (README, Benchmarks).
     */
    public static final String COLLECTOR = "-XX:+UseSerialGC";

    public static final int HEAP_PERCENT = 70;
    public static final int OFF_HEAP_PERCENT = 60;
    public static final int PROCESS_PERCENT = 90;
    /** A smaller MEM_LIMIT is ignored (a JVM cannot start in much less); launch.sh reads it from launch.conf. */
    public static final long MIN_MEM_LIMIT = 256L << 20;

    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    private static final Pattern SIZE = Pattern.compile("[0-9]+[kKmMgGtT]?");
    private static final Pattern BYTES = Pattern.compile("[0-9]{1,18}");

    /**
     * The budget the environment sets; a {@code DLKIT_HEAP} that is not a size throws, naming the fix (kernels would
     * not start), a {@code MEM_LIMIT} that is not a byte count, or below {@link #MIN_MEM_LIMIT}, is ignored, as the
     * launcher ignores it.
     */
    public static MemoryBudget of(Map<String, String> env) {
        String heap = env.getOrDefault("DLKIT_HEAP", "");
        if (!heap.isEmpty()) {
            if (!SIZE.matcher(heap).matches()) {
                throw new IllegalArgumentException("DLKIT_HEAP='" + heap + "' is not a size like 4g or 512m");
            }
            return new MemoryBudget(heap, 0, null);
        }
        String limit = env.getOrDefault("MEM_LIMIT", "");
        if (limit.isEmpty()) {
            return new MemoryBudget(null, 0, null);
        }
        if (!BYTES.matcher(limit).matches()) {
            return new MemoryBudget(null, 0, "MEM_LIMIT='" + limit + "' is not a byte count; ignoring it");
        }
        long bytes = Long.parseLong(limit);
        return bytes >= MIN_MEM_LIMIT
                ? new MemoryBudget(null, bytes, null)
                : new MemoryBudget(
                        null, 0, "MEM_LIMIT=" + limit + " is below " + (MIN_MEM_LIMIT >> 20) + " MB; ignoring it");
    }

    /** What launch.conf's {@code mem_limit_options} holds: the heap's share of {@code -XX:MaxRAM}. */
    public static List<String> memLimitOptions() {
        // both: for a small MaxRAM the JVM takes MinRAMPercentage instead
        return List.of("-XX:MinRAMPercentage=" + HEAP_PERCENT, "-XX:MaxRAMPercentage=" + HEAP_PERCENT);
    }

    /**
     * The heap options a kernel starts with, empty for the JVM's defaults: what launch.sh passes, written down here
     * so that tests start real JVMs with them (MemoryBudgetTest) and hold launch.sh to them (test_launcher).
     */
    public List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        if (heap != null) {
            out.add("-Xmx" + heap);
        } else if (memLimit > 0) {
            out.add("-XX:MaxRAM=" + memLimit);
            out.addAll(memLimitOptions());
        }
        return out;
    }

    /** JavaCPP's limits as system properties ({@code maxbytes}, {@code maxphysicalbytes}); empty without MEM_LIMIT. */
    public Map<String, String> offHeapLimits() {
        Map<String, String> out = new LinkedHashMap<>();
        if (memLimit > 0) {
            out.put(MAX_BYTES, percentMb(OFF_HEAP_PERCENT) + "m");
            out.put(MAX_PHYSICAL_BYTES, percentMb(PROCESS_PERCENT) + "m");
        }
        return out;
    }

    /** For {@code ./dlkit doctor}: where the budget comes from and what it gives; null for the JVM's defaults. */
    public String describe() {
        if (heap != null) {
            return "-Xmx" + heap + " (from DLKIT_HEAP; ND4J's off-heap memory at JavaCPP's defaults)";
        }
        if (memLimit > 0) {
            return "heap " + percentMb(HEAP_PERCENT) + " MB, ND4J off-heap <= " + percentMb(OFF_HEAP_PERCENT)
                    + " MB, whole process <= " + percentMb(PROCESS_PERCENT) + " MB (" + HEAP_PERCENT + " / "
                    + OFF_HEAP_PERCENT + " / " + PROCESS_PERCENT + " % of MEM_LIMIT " + memLimit / 1048576 + " MB)";
        }
        return null;
    }

    /**
     * Sets {@link #offHeapLimits} as system properties where none is set (a {@code -D} given wins). JavaCPP reads
     * them once, as its {@code Pointer} class loads: the kernel calls this first thing. Returns why MEM_LIMIT or
     * DLKIT_HEAP is ignored, or null: launch.sh passes on what it can use and leaves the saying to the kernel.
     */
    static String applyOffHeapLimits(Map<String, String> env) {
        MemoryBudget budget;
        try {
            budget = of(env);
        } catch (IllegalArgumentException e) {
            return e.getMessage(); // launch.sh refuses to start with it; a kernel started otherwise keeps the defaults
        }
        budget.offHeapLimits().forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
        return budget.ignoredReason();
    }

    private long percentMb(int percent) {
        return memLimit / 1048576 * percent / 100;
    }
}
