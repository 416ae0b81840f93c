package dlkit.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CIFAR-10 binary format ({@code cifar-10-batches-bin/*.bin}): records of {@value #RECORD_BYTES} bytes, one
 * label byte (0–9) then 3072 pixel bytes: the 32×32 red plane, then green, then blue, each row by row — the
 * channel-first layout of an {@code [N, 3, 32, 32]} array. The official files hold 10 000 records each.
 */
public final class CifarFormat {

    public static final int SIDE = 32;
    public static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;

    private CifarFormat() {}

    /** Labels and pixels of some records: {@code pixels} holds {@code count · 3072} bytes. */
    public record Records(byte[] labels, byte[] pixels) {
        public int count() {
            return labels.length;
        }
    }

    /**
     * Writes records in the official format. {@code pixels} holds {@code labels.length · 3072} bytes (R, G, B
     * planes per image); each label must be 0–9.
     */
    public static void write(Path file, byte[] labels, byte[] pixels) throws IOException {
        if (pixels.length != (long) labels.length * IMAGE_BYTES) {
            throw new IllegalArgumentException(labels.length + " labels need " + (long) labels.length * IMAGE_BYTES
                    + " pixel bytes, got " + pixels.length);
        }
        for (byte l : labels) {
            if (l < 0 || l > 9) {
                throw new IllegalArgumentException("CIFAR-10 labels are 0-9, got " + l);
            }
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < labels.length; i++) {
                out.write(labels[i]);
                out.write(pixels, i * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
    }

    /** Reads at most {@code limit} records from the start of a file. */
    public static Records read(Path file, int limit) throws IOException {
        long size = Files.size(file);
        if (size % RECORD_BYTES != 0) {
            throw new IOException(file + " is not a CIFAR-10 binary batch: its size " + size + " is not a multiple of "
                    + RECORD_BYTES + " bytes");
        }
        int n = (int) Math.min(limit, size / RECORD_BYTES);
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * IMAGE_BYTES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int i = 0; i < n; i++) {
                int l = in.read();
                if (l < 0 || l > 9) {
                    throw new IOException(file + ": record " + i + " has label " + l + " (expected 0-9)");
                }
                labels[i] = (byte) l;
                if (in.readNBytes(pixels, i * IMAGE_BYTES, IMAGE_BYTES) != IMAGE_BYTES) {
                    throw new IOException(file + ": record " + i + " is truncated");
                }
            }
        }
        return new Records(labels, pixels);
    }

    /** Records of several files in order, at most {@code limit} in all. */
    public static Records read(Iterable<Path> files, int limit) throws IOException {
        java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream pixels = new java.io.ByteArrayOutputStream();
        int left = limit;
        for (Path f : files) {
            if (left <= 0) {
                break;
            }
            Records r = read(f, left);
            labels.write(r.labels());
            pixels.write(r.pixels());
            left -= r.count();
        }
        return new Records(labels.toByteArray(), pixels.toByteArray());
    }
}
