package dlkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Loading photos")
class PhotosTest {

    @Test
    void sample_isTheBundledCat() {
        Photo p = Photos.sample();
        assertEquals(451, p.width());
        assertEquals(300, p.height());
        assertTrue(p.source().contains("Chelsea"));
        double[][] g = p.gray();
        double[][][] c = p.rgb();
        assertEquals(0.2989 * c[0][10][20] + 0.5870 * c[1][10][20] + 0.1140 * c[2][10][20], g[10][20], 1e-15);
    }

    @Test
    void fromImage_scalesTo01() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF8000);
        Photo p = Photo.of(img, "test");
        assertEquals(1.0, p.rgb()[0][0][0], 0);
        assertEquals(128 / 255.0, p.rgb()[1][0][0], 0);
        assertEquals(0.0, p.rgb()[2][0][1], 0);
    }

    @Test
    void unreachableUrl_failsWithOneLineNamingIt(@TempDir Path dir) {
        String url = "https://dlkit.invalid/fox.jpg";
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new Downloads(dir).fetch(url));
        String msg = e.getMessage();
        assertTrue(msg.contains(url), msg);
        assertTrue(msg.contains("offline?"), msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    void cachedFile_isUsedWithoutTheNetwork(@TempDir Path dir) throws Exception {
        Downloads d = new Downloads(dir);
        String url = "https://dlkit.invalid/cat.png";
        Path cached = d.cachedPath(url);
        java.nio.file.Files.createDirectories(cached.getParent());
        java.nio.file.Files.copy(PhotosTest.class.getResourceAsStream(Photos.SAMPLE_RESOURCE), cached);
        assertEquals(cached, d.fetch(url));
        assertTrue(cached.getFileName().toString().endsWith("-cat.png"));
    }

    @Test
    void loadOrSample_saysWhyItFellBack() {
        Photo p = Photos.loadOrSample("https://dlkit.invalid/fox.jpg");
        assertTrue(p.source().startsWith(Photos.SAMPLE_NAME), p.source());
        assertTrue(p.source().contains("could not download https://dlkit.invalid/fox.jpg"), p.source());
    }
}
