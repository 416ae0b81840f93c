package dlkit.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import tech.tablesaw.api.Table;

/**
 * The original notebook's CSV logs, same columns: {@code timestamp,memUsage} (Section 2) and
 * {@code timestamp,epoch,memUsage,loss,accuracy} (Section 3). {@code timestamp} is seconds since the epoch (Python's
 * {@code time.time()}), {@code memUsage} MiB (nvidia-smi's unit, which the original prints as "MB").
 */
public final class CsvLog {

    /** {@code MEMORY_LOG_FMT} of the original. */
    public static final List<String> MEMORY_LOG_FMT = List.of("timestamp", "memUsage");
    /** {@code TRAIN_LOG_FMT} of the original. */
    public static final List<String> TRAIN_LOG_FMT = List.of("timestamp", "epoch", "memUsage", "loss", "accuracy");

    // CSVFormat.print, not CSVPrinter: that needs commons-io >= 2.18, and DL4J brings 2.7
    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private final Path path;
    private final List<String> header;

    private CsvLog(Path path, List<String> header) {
        this.path = path;
        this.header = List.copyOf(header);
    }

    /** Creates (or truncates) the file, making its directory, and writes the header line. */
    public static CsvLog create(Path path, List<String> header) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(path, line(header), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log " + path, e);
        }
        return new CsvLog(path, header);
    }

    /** Appends one row; numbers are written with '.' decimals, doubles with up to 6 decimals. */
    public CsvLog append(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException(
                    "expected " + header.size() + " values " + header + ", got " + values.length);
        }
        List<String> cells = new ArrayList<>();
        for (Object v : values) {
            cells.add(format(v));
        }
        try {
            Files.writeString(path, line(cells), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to log " + path, e);
        }
        return this;
    }

    public Path path() {
        return path;
    }

    public List<String> header() {
        return header;
    }

    /** Reads a log back as a Tablesaw table (like {@code pd.read_csv}). */
    public static Table read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("no log " + path));
        }
        return Table.read().csv(path.toFile());
    }

    /** One CSV record (commons-csv quotes what needs it), with its '\n'. */
    static String line(List<String> values) {
        StringBuilder sb = new StringBuilder();
        try {
            FORMAT.printRecord(sb, values.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return sb.toString();
    }

    static String format(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            String s = String.format(Locale.ROOT, "%.6f", d);
            // trim trailing zeros but keep one decimal, like 634.0
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s + "0" : s;
        }
        return String.valueOf(v);
    }
}
