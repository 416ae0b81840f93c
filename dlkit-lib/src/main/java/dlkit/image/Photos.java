package dlkit.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Loads photos (JPEG, PNG, ...) from a file, a URL (downloaded once, cached under {@code ~/.cache/dlkit}) or the
 * sample bundled with DLKit.
 *
 * <pre>{@code
 * Photo p = Photos.load(Path.of("fox.jpg"));
 * Photo q = Photos.load("https://example.org/fox.jpg");   // throws a one-line UncheckedIOException offline
 * Photo r = Photos.loadOrSample(url);                     // the URL, or the bundled cat when it can't be had
 * double[][] gray = r.gray();
 * }</pre>
 *
 * <p>The bundled sample is "Chelsea the cat" (451×300, RGB) from scikit-image's data folder
 * ({@code skimage/data/chelsea.png}, as installed by Debian's python3-skimage), which scikit-image documents as
 * "No copyright restrictions. CC0 by the photographer (Stefan van der Walt)".
 */
public final class Photos {

    /** Class-path resource of the bundled sample photo. */
    public static final String SAMPLE_RESOURCE = "/dlkit/images/chelsea.png";

    public static final String SAMPLE_NAME =
            "Chelsea the cat (scikit-image sample, CC0, Stefan van der Walt), bundled with DLKit";

    private Photos() {}

    /** Reads an image file. */
    public static Photo load(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IOException("not an image format Java can read");
            }
            return Photo.of(img, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read image " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an image from an http(s) URL (through the download cache) or, for anything else, a file path. */
    public static Photo load(String urlOrPath) {
        if (!urlOrPath.startsWith("http://") && !urlOrPath.startsWith("https://")) {
            return load(Path.of(urlOrPath));
        }
        Path file = Downloads.cache().fetch(urlOrPath);
        Photo p = load(file);
        return new Photo(p.rgb(), urlOrPath);
    }

    /** The bundled sample photo. */
    public static Photo sample() {
        try (InputStream in = Photos.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + SAMPLE_RESOURCE + " is missing from the class path");
            }
            return Photo.of(ImageIO.read(in), SAMPLE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the sample photo: " + e.getMessage(), e);
        }
    }

    /**
     * The photo at {@code url}; when it cannot be downloaded, the bundled sample, whose {@link Photo#source()}
     * then says so and why.
     */
    public static Photo loadOrSample(String url) {
        try {
            return load(url);
        } catch (UncheckedIOException e) {
            Photo s = sample();
            return new Photo(s.rgb(), SAMPLE_NAME + ", because " + e.getMessage());
        }
    }

    /** True when {@code url} is already in the download cache (so loading it needs no network). */
    public static boolean isCached(String url) {
        return Files.isRegularFile(Downloads.cache().cachedPath(url));
    }
}
