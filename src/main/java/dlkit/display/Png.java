package dlkit.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** PNG encoding shared by the kernel's renderers and the library's figures. */
public final class Png {

    private Png() {
    }

    public static byte[] bytes(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode PNG", e);
        }
        return out.toByteArray();
    }

    /** Base64 as Jupyter's image/png wants it. */
    public static String base64(RenderedImage image) {
        return Base64.getEncoder().encodeToString(bytes(image));
    }
}
