package dlkit.memory;

import java.util.Locale;

/** Byte-count formatting shared by the memory tables: MB = 10^6 bytes (as the original's /1e6), MiB = 2^20. */
public final class Bytes {

    public static final double MB = 1e6;
    public static final double MIB = 1024.0 * 1024.0;

    private Bytes() {}

    /** Bytes in MB (÷1e6); NaN for a negative (unknown) count. */
    public static double mb(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / MB;
    }

    /** Bytes in MiB (÷2^20, nvidia-smi's unit); NaN for a negative (unknown) count. */
    public static double mib(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / MIB;
    }

    /** "1,234.6 MB", or "n/a" for a negative count. */
    public static String format(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        if (Math.abs(bytes) >= 1e9) {
            return String.format(Locale.ROOT, "%,.2f GB", bytes / 1e9);
        }
        return String.format(Locale.ROOT, "%,.1f MB", bytes / MB);
    }

    /** Signed: "+12.3 MB" / "-4.0 MB". */
    public static String formatDelta(long bytes) {
        return (bytes >= 0 ? "+" : "-") + format(Math.abs(bytes));
    }
}
