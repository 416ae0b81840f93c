package dlkit.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Queries {@code nvidia-smi} (the same source GPUtil reads in the original notebook) and parses its CSV output.
 * The parsing is pure and tested with canned output; {@link #query()} runs the tool.
 */
public final class NvidiaSmi {

    /** Fields asked for; {@code compute_cap} needs driver 510 or newer. */
    public static final String FIELDS = "index,name,compute_cap,memory.total,memory.used,driver_version";
    /** Fields asked for when the driver is too old to know {@code compute_cap}. */
    public static final String FIELDS_OLD = "index,name,memory.total,memory.used,driver_version";

    private static final long TIMEOUT_S = 10;

    private NvidiaSmi() {}

    /** The GPUs nvidia-smi lists; empty when it is missing, fails or lists none. */
    public static List<GpuInfo> query() {
        Optional<String> out = run("--query-gpu=" + FIELDS, "--format=csv,noheader,nounits");
        if (out.isPresent()) {
            List<GpuInfo> gpus = parse(out.get());
            if (!gpus.isEmpty()) {
                return gpus;
            }
        }
        return run("--query-gpu=" + FIELDS_OLD, "--format=csv,noheader,nounits")
                .map(NvidiaSmi::parseOld)
                .orElse(List.of());
    }

    /** Used memory of one device in MiB (nvidia-smi's figure: context, caches and other processes included); -1 if unavailable. */
    public static long usedMiB(int index) {
        return run("--query-gpu=memory.used", "--format=csv,noheader,nounits", "--id=" + index)
                .map(s -> parseLong(s.strip().lines().findFirst().orElse("")))
                .orElse(-1L);
    }

    /** True when an {@code nvidia-smi} executable answers. */
    public static boolean available() {
        return run("-L").isPresent();
    }

    /** Parses {@code --query-gpu=}{@link #FIELDS} {@code --format=csv,noheader,nounits} output. */
    public static List<GpuInfo> parse(String csv) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length < 6) {
                continue;
            }
            int n = f.length;
            // a name could in principle contain a comma: the fixed fields are at both ends
            String name =
                    String.join(",", java.util.Arrays.copyOfRange(f, 1, n - 4)).strip();
            long index = parseLong(f[0]);
            if (index < 0) {
                continue; // header or garbage
            }
            int[] cc = parseCc(f[n - 4]);
            gpus.add(new GpuInfo(
                    (int) index, name, cc[0], cc[1], parseLong(f[n - 3]), parseLong(f[n - 2]), clean(f[n - 1])));
        }
        return gpus;
    }

    /** Parses {@link #FIELDS_OLD} output (no compute capability: it is guessed from the name, see {@link #guessComputeCapability}). */
    public static List<GpuInfo> parseOld(String csv) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length < 5) {
                continue;
            }
            int n = f.length;
            long index = parseLong(f[0]);
            if (index < 0) {
                continue;
            }
            String name =
                    String.join(",", java.util.Arrays.copyOfRange(f, 1, n - 3)).strip();
            int[] cc = guessComputeCapability(name);
            gpus.add(new GpuInfo(
                    (int) index, name, cc[0], cc[1], parseLong(f[n - 3]), parseLong(f[n - 2]), clean(f[n - 1])));
        }
        return gpus;
    }

    /** Compute capability from a product name for drivers without {@code compute_cap}; {-1,-1} when not known. */
    public static int[] guessComputeCapability(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        String[][] table = {
            {"H100", "9.0"},
            {"H200", "9.0"},
            {"GH200", "9.0"},
            {"B200", "10.0"},
            {"B100", "10.0"},
            {"L40", "8.9"},
            {"L4", "8.9"},
            {"RTX 40", "8.9"},
            {"RTX 6000 ADA", "8.9"},
            {"A100", "8.0"},
            {"A30", "8.0"},
            {"A800", "8.0"},
            {"A10", "8.6"},
            {"A40", "8.6"},
            {"A2", "8.6"},
            {"RTX 30", "8.6"},
            {"RTX A", "8.6"},
            {"T4", "7.5"},
            {"RTX 20", "7.5"},
            {"QUADRO RTX", "7.5"},
            {"TITAN RTX", "7.5"},
            {"V100", "7.0"},
            {"TITAN V", "7.0"},
            {"P100", "6.0"},
            {"P40", "6.1"},
            {"P4", "6.1"},
            {"GTX 10", "6.1"},
            {"K80", "3.7"},
            {"M60", "5.2"},
            {"M40", "5.2"},
        };
        for (String[] row : table) {
            if (n.contains(row[0])) {
                return parseCc(row[1]);
            }
        }
        return new int[] {-1, -1};
    }

    static int[] parseCc(String s) {
        String t = clean(s);
        int dot = t.indexOf('.');
        try {
            if (dot > 0) {
                return new int[] {Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1))};
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        return new int[] {-1, -1};
    }

    static long parseLong(String s) {
        try {
            return (long) Double.parseDouble(clean(s));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String clean(String s) {
        String t = s.strip();
        return t.startsWith("[") ? "" : t; // "[N/A]", "[Not Supported]"
    }

    private static Optional<String> run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("nvidia-smi");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // Read on another thread: a hung nvidia-smi (a wedged driver) must not hang a kernel's start.
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = p.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0
                    ? Optional.of(new String(out.get(TIMEOUT_S, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException | ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
