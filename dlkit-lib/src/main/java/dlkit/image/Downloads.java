package dlkit.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Downloads a URL once into a cache folder ({@code ~/.cache/dlkit/downloads} by default) and returns the
 * cached file afterwards, so notebooks work offline after the first run.
 */
public final class Downloads {

    private static final int TIMEOUT_MS = 15_000;

    private final Path dir;

    public Downloads(Path dir) {
        this.dir = dir;
    }

    /** The default cache, {@code ~/.cache/dlkit/downloads}. */
    public static Downloads cache() {
        return new Downloads(Path.of(System.getProperty("user.home"), ".cache", "dlkit", "downloads"));
    }

    /** Where {@code url} is (or would be) cached. */
    public Path cachedPath(String url) {
        String name = url.replaceAll("[?#].*$", "");
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty()) {
            name = "download";
        }
        return dir.resolve(shortHash(url) + "-" + name);
    }

    /**
     * The cached copy of {@code url}, downloading it first if needed. Fails with one line naming the URL,
     * the reason and where to put the file by hand.
     */
    public Path fetch(String url) {
        Path target = cachedPath(url);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try {
            Files.createDirectories(dir);
            Path part = Files.createTempFile(dir, "download", ".part");
            try {
                URLConnection conn = URI.create(url).toURL().openConnection();
                conn.setConnectTimeout(TIMEOUT_MS);
                conn.setReadTimeout(TIMEOUT_MS);
                conn.setRequestProperty("User-Agent", "dlkit");
                if (conn instanceof HttpURLConnection http && http.getResponseCode() >= 400) {
                    throw new IOException("HTTP " + http.getResponseCode());
                }
                try (InputStream in = conn.getInputStream()) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
            return target;
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException(
                    "could not download " + url + " ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); offline? Save the file as "
                            + target + " or load a local file instead",
                    e));
        }
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
