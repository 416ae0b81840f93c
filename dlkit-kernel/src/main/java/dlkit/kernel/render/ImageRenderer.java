package dlkit.kernel.render;

import dlkit.display.Png;
import java.awt.image.RenderedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BufferedImage and other RenderedImages as image/png. */
final class ImageRenderer implements MimeRenderer.TypeRenderer {

    @Override
    public Map<String, Object> render(Object value, List<String> requested) {
        if (!(value instanceof RenderedImage img)) {
            return null;
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        String text = "Image " + img.getWidth() + "x" + img.getHeight() + " px";
        bundle.put("image/png", Png.base64(img));
        bundle.put("text/plain", text);
        return bundle;
    }
}
