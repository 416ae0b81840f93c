package dlkit.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The environment variables the data loaders read, declared in one place.
 * <ul>
 *   <li>{@code DLKIT_DATA}: a folder holding {@code cifar-10-batches-bin/} (or that folder itself);</li>
 *   <li>{@code DLKIT_OFFLINE=1}: never try to download;</li>
 *   <li>{@code DLKIT_CACHE}: where downloads go (default {@code ~/.cache/dlkit}).</li>
 * </ul>
 */
public final class DataEnv {

    public static final String DATA = "DLKIT_DATA";
    public static final String OFFLINE = "DLKIT_OFFLINE";
    public static final String CACHE = "DLKIT_CACHE";

    private DataEnv() {}

    public static Optional<Path> dataDir() {
        return get(DATA).map(Path::of);
    }

    public static boolean offline() {
        return get(OFFLINE)
                .map(v -> !v.equals("0") && !v.equalsIgnoreCase("false"))
                .orElse(false);
    }

    public static Path cacheDir() {
        return get(CACHE).map(Path::of).orElse(Path.of(System.getProperty("user.home"), ".cache", "dlkit"));
    }

    private static Optional<String> get(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
