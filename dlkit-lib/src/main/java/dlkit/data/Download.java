package dlkit.data;

import dlkit.display.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Downloads a file once, with a progress bar, and checks its MD5. */
public final class Download {

    private Download() {}

    /**
     * Returns {@code target} if it exists with the right MD5; otherwise downloads {@code uri} to it (through a
     * temporary file, so an interrupted download leaves nothing behind) and verifies the MD5.
     *
     * @throws ChecksumException when the file does not have the expected MD5
     */
    public static Path fetch(URI uri, Path target, String md5, int timeoutMillis) throws IOException {
        if (Files.isRegularFile(target)) {
            verify(target, md5);
            return target;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        URLConnection c = uri.toURL().openConnection();
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        c.connect(); // fails here, before any progress bar, when offline
        long total = c.getContentLengthLong();
        ProgressBar bar = ProgressBar.start("download " + target.getFileName(), Math.max(total, 1));
        try (InputStream in = c.getInputStream();
                OutputStream out = Files.newOutputStream(part)) {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done += n;
                bar.set(total > 0 ? done : 0, String.format("%.1f MB", done / 1e6));
            }
        }
        bar.finish();
        try {
            verify(part, md5);
        } catch (ChecksumException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @throws ChecksumException when {@code file}'s MD5 is not {@code md5} (hex, any case) */
    public static void verify(Path file, String md5) throws IOException {
        String actual = md5(file);
        if (!actual.equalsIgnoreCase(md5)) {
            throw new ChecksumException(file, md5.toLowerCase(), actual);
        }
    }

    /** MD5 of a file as lowercase hex. */
    public static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
