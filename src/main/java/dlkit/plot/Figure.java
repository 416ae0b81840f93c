package dlkit.plot;

import dlkit.display.Png;
import dlkit.display.Renderable;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several panels (XChart charts, images, other figures) laid out in a grid, like matplotlib's subplots.
 * Panels fill the grid row by row; each column is as wide as its widest panel and each row as tall as its
 * tallest, so a row of panels is exactly as wide as their widths added up. Smaller panels are centred in
 * their cell on white.
 *
 * <p>A figure displays inline when it is a cell's value (it is {@link Renderable}: {@code image/png} plus a
 * one-line text form) and can be saved as PNG. Charts are rendered when the figure is drawn, so changes to a
 * chart after building the figure still show.
 *
 * <pre>{@code
 * Figure fig = Plots.row(lossChart, weightChart);   // two charts side by side
 * fig.save(Path.of("sweep.png"));
 * fig                                                // last expression: shown inline
 * }</pre>
 */
public final class Figure implements Renderable {

    /** Font size of a figure's title ({@link #withTitle}). */
    public static final float TITLE_SIZE = 18f;

    private final int cols;
    private final List<Object> panels;
    private final String title;

    Figure(int cols, List<Object> panels) {
        this(cols, panels, null);
    }

    private Figure(int cols, List<Object> panels, String title) {
        if (cols < 1) {
            throw new IllegalArgumentException("a figure needs at least one column, got " + cols);
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
        for (Object p : panels) {
            if (p == null) {
                throw new IllegalArgumentException("a figure panel is null");
            }
        }
        this.cols = Math.min(cols, panels.size());
        this.panels = List.copyOf(panels);
        this.title = title;
    }

    /** The same figure with a title centred above all panels (matplotlib's {@code suptitle}). */
    public Figure withTitle(String title) {
        return new Figure(cols, panels, java.util.Objects.requireNonNull(title, "title"));
    }

    /** The panels in layout order (row by row). */
    public List<Object> panels() {
        return panels;
    }

    public int columns() {
        return cols;
    }

    public int rows() {
        return (panels.size() + cols - 1) / cols;
    }

    /** Draws the figure. */
    public BufferedImage toImage() {
        List<BufferedImage> images = new ArrayList<>();
        for (Object p : panels) {
            images.add(Panels.render(p));
        }
        int[] colWidth = new int[cols];
        int[] rowHeight = new int[rows()];
        for (int i = 0; i < images.size(); i++) {
            colWidth[i % cols] = Math.max(colWidth[i % cols], images.get(i).getWidth());
            rowHeight[i / cols] = Math.max(rowHeight[i / cols], images.get(i).getHeight());
        }
        int width = sum(colWidth, cols);
        int height = sum(rowHeight, rowHeight.length);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < images.size(); i++) {
            int c = i % cols;
            int r = i / cols;
            BufferedImage img = images.get(i);
            int x = sum(colWidth, c) + (colWidth[c] - img.getWidth()) / 2;
            int y = sum(rowHeight, r) + (rowHeight[r] - img.getHeight()) / 2;
            g.drawImage(img, x, y, null);
        }
        g.dispose();
        return title == null ? out : Images.titled(out, title, TITLE_SIZE);
    }

    /** Writes the figure as a PNG file (creating parent folders) and returns the path. */
    public Path save(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(path, Png.bytes(toImage()));
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save figure to " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> mimeBundle() {
        BufferedImage img = toImage();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", describe(img));
        bundle.put("image/png", Png.base64(img));
        return bundle;
    }

    @Override
    public String textForm() {
        return describe(toImage());
    }

    @Override
    public String toString() {
        return "Figure " + (title == null ? "" : "'" + title + "' ") + rows() + "x" + cols + " (" + panels.size()
                + " panels)";
    }

    private String describe(BufferedImage img) {
        return toString() + " " + img.getWidth() + "x" + img.getHeight() + " px";
    }

    private static int sum(int[] values, int upTo) {
        int s = 0;
        for (int i = 0; i < upTo; i++) {
            s += values[i];
        }
        return s;
    }
}
