package dlkit.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processor;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.pdf.PDFProcessor;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dlkit.display.Png;
import dlkit.display.Renderable;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Several panels (XChart charts, images, other figures) laid out in a grid, like matplotlib's subplots.
 * Panels fill the grid row by row; each column is as wide as its widest panel and each row as tall as its
 * tallest, so a row of panels is exactly as wide as their widths added up. Smaller panels are centred in
 * their cell on white.
 *
 * <p>A figure displays inline when it is a cell's value (it is {@link Renderable}): {@code image/png} at twice
 * its display size ({@link #DENSITY}, sharp on HiDPI screens; the PNG records it, and the kernel tells the front
 * end the display size and the title as alt text), {@code image/svg+xml} as well when {@link Plots#svg(boolean)}
 * or {@code DLKIT_SVG=1} asks for it, and a one-line text form. Charts are drawn when the figure is drawn, so
 * changes to a chart after building the figure still show.
 *
 * <pre>{@code
 * Figure fig = Plots.row(lossChart, weightChart);   // two charts side by side
 * fig.save("sweep.png");                             // also .svg and .pdf, for a write-up
 * fig                                                // last expression: shown inline
 * }</pre>
 */
public final class Figure implements Renderable {

    /** Font size of a figure's title ({@link #withTitle}). */
    public static final float TITLE_SIZE = 18f;
    /** Image pixels per display pixel in the PNGs figures show and save. */
    public static final int DENSITY = 2;

    private final int cols;
    private final List<Object> panels;
    private final String title;
    private final float titleSize;

    Figure(int cols, List<Object> panels) {
        this(cols, panels, null, TITLE_SIZE);
    }

    private Figure(int cols, List<Object> panels, String title, float titleSize) {
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
        this.titleSize = titleSize;
    }

    /** A figure of one panel (a chart, an image, an array). */
    public static Figure of(Object panel) {
        return panel instanceof Figure f ? f : new Figure(1, List.of(panel));
    }

    /** The same figure with a title centred above all panels (matplotlib's {@code suptitle}). */
    public Figure withTitle(String title) {
        return withTitle(title, TITLE_SIZE);
    }

    /** With a title in a font of {@code size} px (drawn at the output's resolution, so sharp at 2x). */
    Figure withTitle(String title, float size) {
        return new Figure(cols, panels, java.util.Objects.requireNonNull(title, "title"), size);
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

    /**
     * The figure's title, or else its only chart's title, or else its charts' titles joined by "; " (what alt
     * text says about it); empty when nothing has one.
     */
    public String description() {
        if (title != null) {
            return title;
        }
        List<String> titles = new ArrayList<>();
        for (Object p : panels) {
            String t = p instanceof Chart<?, ?> c ? c.getTitle() : p instanceof Figure f ? f.description() : null;
            if (t != null && !t.isBlank()) {
                titles.add(t);
            }
        }
        return String.join("; ", titles);
    }

    /** Display size in pixels (the PNG has {@link #DENSITY} times as many). */
    public Dimension size() {
        Layout l = layout();
        return new Dimension(l.width, l.height);
    }

    /** Draws the figure at display size (1x), as before HiDPI output. */
    public BufferedImage toImage() {
        return toImage(1);
    }

    /** Draws the figure with {@code scale} image pixels per display pixel. */
    public BufferedImage toImage(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        return Panels.render(this, scale);
    }

    /** PNG bytes at {@link #DENSITY}x, recording the density and the figure's description as its title. */
    public byte[] png() {
        return Png.bytes(toImage(DENSITY), DENSITY, description());
    }

    /** The figure as SVG (text stays text; images are embedded). */
    public String svg() {
        return new String(vector(new SVGProcessor()), StandardCharsets.UTF_8);
    }

    /** The figure as a one-page PDF of its display size (1 px = 1 pt). */
    public byte[] pdf() {
        return vector(new PDFProcessor(true));
    }

    private byte[] vector(Processor processor) {
        Dimension d = size();
        VectorGraphics2D g = new VectorGraphics2D();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, d.width, d.height);
        paint(g);
        Document doc = processor.getDocument(g.getCommands(), new PageSize(0, 0, d.width, d.height));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            doc.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the figure", e);
        }
        return out.toByteArray();
    }

    /** Draws the figure at display size onto {@code g} (pixels or vectors; the caller's transform scales). */
    void paint(Graphics2D g) {
        Layout l = layout();
        int top = 0;
        if (title != null) {
            Font font = titleFont(titleSize);
            FontMetrics fm = g.getFontMetrics(font);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(Color.BLACK);
            g.drawString(title, (float) (l.width - fm.stringWidth(title)) / 2, 3 + fm.getAscent());
            top = l.titleStrip;
        }
        int gridX = (l.width - sum(l.colWidth, cols)) / 2;
        for (int i = 0; i < panels.size(); i++) {
            int c = i % cols;
            int r = i / cols;
            Dimension d = l.sizes.get(i);
            int x = gridX + sum(l.colWidth, c) + (l.colWidth[c] - d.width) / 2;
            int y = top + sum(l.rowHeight, r) + (l.rowHeight[r] - d.height) / 2;
            Graphics2D pg = (Graphics2D) g.create();
            try {
                pg.translate(x, y);
                pg.clipRect(0, 0, d.width, d.height);
                Panels.paint(panels.get(i), pg);
            } finally {
                pg.dispose();
            }
        }
    }

    private record Layout(
            List<Dimension> sizes, int[] colWidth, int[] rowHeight, int titleStrip, int width, int height) {}

    private Layout layout() {
        List<Dimension> sizes = new ArrayList<>();
        for (Object p : panels) {
            sizes.add(Panels.size(p));
        }
        int[] colWidth = new int[cols];
        int[] rowHeight = new int[rows()];
        for (int i = 0; i < sizes.size(); i++) {
            colWidth[i % cols] = Math.max(colWidth[i % cols], sizes.get(i).width);
            rowHeight[i / cols] = Math.max(rowHeight[i / cols], sizes.get(i).height);
        }
        int width = sum(colWidth, cols);
        int height = sum(rowHeight, rowHeight.length);
        int strip = 0;
        if (title != null) {
            // the same strip Images.titled draws
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D pg = probe.createGraphics();
            FontMetrics fm = pg.getFontMetrics(titleFont(titleSize));
            pg.dispose();
            strip = fm.getHeight() + 6;
            width = Math.max(width, fm.stringWidth(title) + 8);
        }
        return new Layout(sizes, colWidth, rowHeight, strip, width, height + strip);
    }

    private static Font titleFont(float size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size));
    }

    /**
     * Writes the figure to {@code path} (creating parent folders), in the format its extension names:
     * {@code .png} (2x, for screens and documents), {@code .svg} or {@code .pdf} (vector, for a write-up).
     * Returns the path.
     */
    public Path save(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] data;
        if (name.endsWith(".png")) {
            data = png();
        } else if (name.endsWith(".svg")) {
            data = svg().getBytes(StandardCharsets.UTF_8);
        } else if (name.endsWith(".pdf")) {
            data = pdf();
        } else {
            throw new IllegalArgumentException(
                    "cannot save a figure as " + path.getFileName() + ": use a name ending in .png, .svg or .pdf");
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(path, data);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save figure to " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@link #save(Path)} with a file name ({@code "loss.png"}, {@code "out/loss.pdf"}). */
    public Path save(String path) {
        return save(Path.of(path));
    }

    @Override
    public Map<String, String> mimeBundle() {
        return mimeBundle(describe(), true, Plots.svgEnabled());
    }

    /** The bundle with {@code text} as its text/plain (a chart shown alone keeps the chart's own text form). */
    Map<String, String> mimeBundle(String text, boolean withPng, boolean withSvg) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", text);
        if (withPng) {
            bundle.put("image/png", java.util.Base64.getEncoder().encodeToString(png()));
        }
        if (withSvg) {
            bundle.put("image/svg+xml", svg());
        }
        return bundle;
    }

    @Override
    public String textForm() {
        return describe();
    }

    @Override
    public String toString() {
        return "Figure " + (title == null ? "" : "'" + title + "' ") + rows() + "x" + cols + " (" + panels.size()
                + " panels)";
    }

    private String describe() {
        Dimension d = size();
        return toString() + " " + d.width + "x" + d.height + " px";
    }

    private static int sum(int[] values, int upTo) {
        int s = 0;
        for (int i = 0; i < upTo; i++) {
            s += values[i];
        }
        return s;
    }
}
