package dlkit.image;

import dlkit.plot.Figure;
import dlkit.plot.Images;
import dlkit.plot.Plots;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The original notebook's {@code show_image} / {@code show_multiple_images}: each panel is multiplied by 255,
 * clipped to [0, 255], truncated to integers and drawn in gray, stretched to its own min and max (as
 * matplotlib's {@code imshow} does). So blurred images look equally bright, and a Laplacian shows only its
 * positive responses (negatives are clipped to 0) as white edges on black.
 *
 * <pre>{@code
 * Show.image(grayImg, "Original Image")
 * Show.images(List.of(grayImg, edges), List.of("original", "Edge Detection"))   // panels side by side
 * }</pre>
 */
public final class Show {

    /** Title font size, as the original's {@code fontsize=16}. */
    public static final float TITLE_SIZE = 16f;

    private Show() {}

    /** {@code clip(img * 255, 0, 255).int()}: the integers the original hands to {@code imshow}. */
    public static int[][] displayValues(double[][] img) {
        int h = Convolution.rows(img, "image");
        int w = Convolution.cols(img, "image");
        int[][] out = new int[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = img[y][x] * 255;
                out[y][x] = Double.isNaN(v) ? 0 : (int) Math.max(0, Math.min(255, v));
            }
        }
        return out;
    }

    /** One panel without a title: the display values, min–max stretched to gray. */
    public static BufferedImage panel(double[][] img) {
        int[][] v = displayValues(img);
        double[][] d = new double[v.length][v[0].length];
        for (int y = 0; y < v.length; y++) {
            for (int x = 0; x < v[0].length; x++) {
                d[y][x] = v[y][x];
            }
        }
        return Images.gray(d, true);
    }

    /** One titled panel ({@code show_image(image, title)}). */
    public static BufferedImage image(double[][] img, String title) {
        return Images.titled(panel(img), title, TITLE_SIZE);
    }

    /** The {@code height × width} block whose top-left pixel is (top, left), e.g. to zoom into a corner. */
    public static double[][] crop(double[][] img, int top, int left, int height, int width) {
        if (top < 0
                || left < 0
                || height < 1
                || width < 1
                || top + height > img.length
                || left + width > img[0].length) {
            throw new IllegalArgumentException("crop " + height + "x" + width + " at (" + top + ", " + left
                    + ") does not fit a " + img.length + "x" + img[0].length + " image");
        }
        double[][] out = new double[height][];
        for (int y = 0; y < height; y++) {
            out[y] = java.util.Arrays.copyOfRange(img[top + y], left, left + width);
        }
        return out;
    }

    /** Titled panels in one row ({@code show_multiple_images(images, titles)}). */
    public static Figure images(List<double[][]> imgs, List<String> titles) {
        if (imgs.size() != titles.size()) {
            throw new IllegalArgumentException(imgs.size() + " images but " + titles.size() + " titles");
        }
        Object[] panels = new Object[imgs.size()];
        for (int i = 0; i < panels.length; i++) {
            panels[i] = image(imgs.get(i), titles.get(i));
        }
        return Plots.row(panels);
    }
}
