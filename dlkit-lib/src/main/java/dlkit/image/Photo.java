package dlkit.image;

import dlkit.display.Png;
import dlkit.display.Renderable;
import dlkit.plot.Images;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A colour photo as numbers: {@code [3][H][W]} (R, G, B) with values in [0, 1], like
 * {@code np.array(Image.open(...)) / 255} but channel-first, plus a line saying where it came from.
 * Displays as itself when it is a cell's value.
 */
public final class Photo implements Renderable {

    private final double[][][] rgb;
    private final String source;

    public Photo(double[][][] rgb, String source) {
        if (rgb.length != 3) {
            throw new IllegalArgumentException("a photo needs 3 channels, got " + rgb.length);
        }
        this.rgb = rgb;
        this.source = source;
    }

    /** Reads the pixels of an image (alpha ignored; gray images give three equal channels). */
    public static Photo of(BufferedImage img, String source) {
        int h = img.getHeight();
        int w = img.getWidth();
        double[][][] c = new double[3][h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                c[0][y][x] = ((p >> 16) & 0xFF) / 255.0;
                c[1][y][x] = ((p >> 8) & 0xFF) / 255.0;
                c[2][y][x] = (p & 0xFF) / 255.0;
            }
        }
        return new Photo(c, source);
    }

    /** Channels R, G, B, each [H][W] in [0, 1]. The array itself, not a copy. */
    public double[][][] rgb() {
        return rgb;
    }

    /** Where the pixels came from (a URL, a file, or the bundled sample and why). */
    public String source() {
        return source;
    }

    public int height() {
        return rgb[0].length;
    }

    public int width() {
        return rgb[0][0].length;
    }

    /** 0.2989 R + 0.5870 G + 0.1140 B, see {@link Grayscale}. */
    public double[][] gray() {
        return Grayscale.rgb2gray(rgb);
    }

    public BufferedImage toImage() {
        return Images.rgb(rgb);
    }

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", toString());
        bundle.put("image/png", Png.base64(toImage()));
        return bundle;
    }

    @Override
    public String toString() {
        return "Photo " + width() + "x" + height() + " from " + source;
    }
}
