package dlkit.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of small images with small titles, like a page of matplotlib {@code imshow} subplots with the axes
 * off. Tiny images (MNIST, CIFAR) are enlarged by a whole factor, nearest neighbour, so their larger side is
 * at least {@value #MIN_SIDE} px; larger images keep their size.
 */
final class ImageGrid {

    /** Images smaller than this (larger side, in px) are enlarged. */
    static final int MIN_SIDE = 128;

    static final float TITLE_SIZE = 12f;

    private ImageGrid() {}

    static Figure of(int rows, int cols, List<?> images, List<String> titles) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("grid must be at least 1x1, got " + rows + "x" + cols);
        }
        if (images.size() > rows * cols) {
            throw new IllegalArgumentException(images.size() + " images do not fit a " + rows + "x" + cols + " grid");
        }
        if (titles != null && titles.size() != images.size()) {
            throw new IllegalArgumentException(titles.size() + " titles for " + images.size() + " images");
        }
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            BufferedImage img = Panels.render(images.get(i));
            int side = Math.max(img.getWidth(), img.getHeight());
            img = pad(Images.scale(img, Math.max(1, MIN_SIDE / side)), 4);
            // the title is drawn with the figure (sharp at 2x), not into the image's pixels
            cells.add(titles == null ? img : new Figure(1, List.of(img)).withTitle(titles.get(i), TITLE_SIZE));
        }
        return new Figure(cols, cells);
    }

    /** A white margin around an image so neighbouring tiles do not touch. */
    private static BufferedImage pad(BufferedImage img, int margin) {
        BufferedImage out = new BufferedImage(
                img.getWidth() + 2 * margin, img.getHeight() + 2 * margin, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(img, margin, margin, null);
        g.dispose();
        return out;
    }
}
