package dlkit.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Arrays to pictures: gray images from {@code double[][]} or a 2-D {@link INDArray}, colour images from
 * {@code [3][H][W]} arrays, plus nearest-neighbour upscaling and a title strip.
 *
 * <p>Values are read as intensities in [0, 1] and clipped, unless {@code stretch} is true: then each image is
 * min–max stretched to the full range (what matplotlib's {@code imshow} does by default). A constant image
 * stretches to black, as in matplotlib. NaN shows as black.
 *
 * <pre>{@code
 * BufferedImage a = Images.gray(img);            // img in [0, 1]
 * BufferedImage b = Images.gray(edges, true);    // any range, stretched
 * BufferedImage c = Images.rgb(chw);             // double[3][H][W] in [0, 1]
 * }</pre>
 */
public final class Images {

    private Images() {}

    /** Gray image of values in [0, 1] (clipped); row 0 is the top row. */
    public static BufferedImage gray(double[][] img) {
        return gray(img, false);
    }

    /** Gray image; with {@code stretch} the image's own min maps to black and its max to white. */
    public static BufferedImage gray(double[][] img, boolean stretch) {
        int h = img.length;
        int w = h == 0 ? 0 : img[0].length;
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException("empty image: " + h + "x" + w);
        }
        double[] range = stretch ? range(img) : new double[] {0, 1};
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            if (img[y].length != w) {
                throw new IllegalArgumentException(
                        "ragged image: row " + y + " has " + img[y].length + " values, row 0 has " + w);
            }
            for (int x = 0; x < w; x++) {
                int g = level(img[y][x], range[0], range[1]);
                out.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        return out;
    }

    /** Gray image of a 2-D array (values in [0, 1], clipped). */
    public static BufferedImage gray(INDArray img) {
        return gray(img, false);
    }

    public static BufferedImage gray(INDArray img, boolean stretch) {
        if (img.rank() != 2) {
            throw new IllegalArgumentException(
                    "gray needs a 2-D array [H, W], got shape " + java.util.Arrays.toString(img.shape()));
        }
        return gray(img.toDoubleMatrix(), stretch);
    }

    /** Colour image of {@code [3][H][W]} values in [0, 1] (clipped). */
    public static BufferedImage rgb(double[][][] chw) {
        return rgb(chw, false);
    }

    /** Colour image; with {@code stretch} all three channels share one min–max stretch. */
    public static BufferedImage rgb(double[][][] chw, boolean stretch) {
        if (chw.length != 3) {
            throw new IllegalArgumentException("rgb needs [3][H][W], got " + chw.length + " channels");
        }
        int h = chw[0].length;
        int w = chw[0][0].length;
        double lo = 0;
        double hi = 1;
        if (stretch) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (double[][] c : chw) {
                double[] r = range(c);
                lo = Math.min(lo, r[0]);
                hi = Math.max(hi, r[1]);
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = level(chw[0][y][x], lo, hi);
                int g = level(chw[1][y][x], lo, hi);
                int b = level(chw[2][y][x], lo, hi);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    /** Colour image of a [3, H, W] array (or [H, W, 3] when the first dimension is not 3). */
    public static BufferedImage rgb(INDArray img) {
        return rgb(img, false);
    }

    public static BufferedImage rgb(INDArray img, boolean stretch) {
        long[] s = img.shape();
        if (img.rank() != 3 || (s[0] != 3 && s[2] != 3)) {
            throw new IllegalArgumentException(
                    "rgb needs a [3, H, W] or [H, W, 3] array, got shape " + java.util.Arrays.toString(s));
        }
        INDArray chw = s[0] == 3 ? img : img.permute(2, 0, 1);
        double[][][] c = new double[3][][];
        for (int i = 0; i < 3; i++) {
            c[i] = chw.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())
                    .toDoubleMatrix();
        }
        return rgb(c, stretch);
    }

    /** Any 2-D (gray) or 3-D (colour) array as an image, min–max stretched. */
    public static BufferedImage of(INDArray img) {
        return img.rank() == 2 ? gray(img, true) : rgb(img, true);
    }

    /** Nearest-neighbour upscaling by an integer factor (1 returns the image itself). */
    public static BufferedImage scale(BufferedImage img, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("scale factor must be >= 1, got " + factor);
        }
        if (factor == 1) {
            return img;
        }
        BufferedImage out =
                new BufferedImage(img.getWidth() * factor, img.getHeight() * factor, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** The image with a white strip above it holding {@code title} centred in a plain font of the given size. */
    public static BufferedImage titled(BufferedImage img, String title, float fontSize) {
        Objects.requireNonNull(title, "title");
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(fontSize));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        pg.dispose();
        int strip = fm.getHeight() + 6;
        int w = Math.max(img.getWidth(), fm.stringWidth(title) + 8);
        BufferedImage out = new BufferedImage(w, img.getHeight() + strip, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        g.setColor(Color.BLACK);
        g.drawString(title, (w - fm.stringWidth(title)) / 2, 3 + fm.getAscent());
        g.drawImage(img, (w - img.getWidth()) / 2, strip, null);
        g.dispose();
        return out;
    }

    private static double[] range(double[][] img) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : img) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    /** Maps v in [lo, hi] to 0..255 like a 256-entry colormap: floor(t * 256), with t = 1 on the top entry. */
    static int level(double v, double lo, double hi) {
        if (Double.isNaN(v) || !(hi > lo)) {
            return 0;
        }
        double t = (v - lo) / (hi - lo);
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 255;
        }
        return Math.min(255, (int) (t * 256));
    }
}
