package dlkit.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngTest {

    @Test
    void aDensePngCarriesItsDisplaySizeAndTitle() throws Exception {
        BufferedImage img = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        byte[] png = Png.bytes(img, 2, "Loss – epoch 1 (δ)");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(120, back.getWidth(), "still a valid PNG (chunk CRCs right)");
        assertEquals(
                Map.of("width", 60, "height", 40, "alt", "Loss – epoch 1 (δ)"),
                Png.displayMetadata(Base64.getEncoder().encodeToString(png)));
    }

    @Test
    void plainPngsAndOtherDataHaveNoMetadata() {
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        assertEquals(Map.of(), Png.displayMetadata(Png.base64(img)));
        assertEquals(Map.of("alt", "t"), Png.displayMetadata(Png.base64(img, 1, "t")), "1x: no size to correct");
        assertEquals(Map.of(), Png.displayMetadata("not base64 at all, not at all, not at all!!"));
        assertEquals(Map.of(), Png.displayMetadata(Base64.getEncoder().encodeToString(new byte[64])));
        assertEquals(Map.of(), Png.displayMetadata(null));
        assertThrows(IllegalArgumentException.class, () -> Png.bytes(img, 0, null));
    }
}
