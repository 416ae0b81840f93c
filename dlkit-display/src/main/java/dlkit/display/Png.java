package dlkit.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * PNG encoding shared by the kernel's renderers and the library's figures.
 *
 * <p>A HiDPI figure is a PNG with more pixels than its display size; the PNG says so itself: its {@code pHYs}
 * chunk gives the density (144 dpi for 2x, 72 dpi being 1x, as macOS and browsers read it) and a {@code tEXt}
 * chunk its title. {@link #displayMetadata} reads both back into the Jupyter output metadata
 * ({@code width}/{@code height} in display pixels, {@code alt}), so a notebook front end shows a 2x figure
 * sharp at its display size, and a saved file keeps its size and title in a write-up.
 */
public final class Png {

    /** Dots per inch of a 1x image: a PNG at {@code n * 72} dpi has n pixels per display pixel. */
    public static final int BASE_DPI = 72;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final double INCH_M = 0.0254;

    private Png() {}

    public static byte[] bytes(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode PNG", e);
        }
        return out.toByteArray();
    }

    /**
     * A PNG that records its pixel density ({@code density} pixels per display pixel, written as
     * {@code 72 * density} dpi) and, when not null or blank, its title.
     */
    public static byte[] bytes(RenderedImage image, int density, String title) {
        if (density < 1) {
            throw new IllegalArgumentException("pixel density must be >= 1, got " + density);
        }
        byte[] png = bytes(image);
        int ihdrEnd = 8 + 8 + 13 + 4; // signature, IHDR length+type, 13 data bytes, CRC
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 64);
        out.write(png, 0, ihdrEnd);
        long ppm = Math.round(BASE_DPI * density / INCH_M);
        ByteBuffer phys =
                ByteBuffer.allocate(9).putInt((int) ppm).putInt((int) ppm).put((byte) 1);
        chunk(out, "pHYs", phys.array());
        if (title != null && !title.isBlank()) {
            // tEXt is Latin-1; iTXt carries any title in UTF-8
            byte[] key = "Title".getBytes(StandardCharsets.ISO_8859_1);
            byte[] text = title.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream itxt = new ByteArrayOutputStream();
            itxt.write(key, 0, key.length);
            itxt.write(new byte[] {0, 0, 0, 0, 0}, 0, 5); // null, no compression, method, empty language, empty key
            itxt.write(text, 0, text.length);
            chunk(out, "iTXt", itxt.toByteArray());
        }
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    /** Base64 as Jupyter's image/png wants it. */
    public static String base64(RenderedImage image) {
        return Base64.getEncoder().encodeToString(bytes(image));
    }

    /** {@link #bytes(RenderedImage, int, String)} in base64. */
    public static String base64(RenderedImage image, int density, String title) {
        return Base64.getEncoder().encodeToString(bytes(image, density, title));
    }

    /**
     * The Jupyter output metadata of a base64 PNG: {@code width} and {@code height} in display pixels when the
     * PNG records a density above 1x, and {@code alt} when it has a title; empty when it has neither. Reads only
     * the chunks before the image data.
     */
    public static Map<String, Object> displayMetadata(String base64) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (base64 == null || base64.length() < 44) {
            return meta;
        }
        byte[] head;
        try {
            int n = Math.min(base64.length(), 8192) / 4 * 4;
            head = Base64.getDecoder().decode(base64.substring(0, n));
        } catch (IllegalArgumentException e) {
            return meta;
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (head[i] != SIGNATURE[i]) {
                return meta;
            }
        }
        b.position(8);
        int width = 0;
        int height = 0;
        double density = 1;
        while (b.remaining() >= 12) {
            int len = b.getInt();
            String type = new String(head, b.position(), 4, StandardCharsets.ISO_8859_1);
            b.position(b.position() + 4);
            if (type.equals("IDAT") || type.equals("IEND") || len < 0 || len > b.remaining() - 4) {
                break;
            }
            int start = b.position();
            if (type.equals("IHDR")) {
                width = b.getInt(start);
                height = b.getInt(start + 4);
            } else if (type.equals("pHYs") && head[start + 8] == 1) {
                density = b.getInt(start) * INCH_M / BASE_DPI;
            } else if (type.equals("iTXt") || type.equals("tEXt")) {
                String title = title(head, start, len, type.equals("iTXt"));
                if (title != null) {
                    meta.put("alt", title);
                }
            }
            b.position(start + len + 4);
        }
        long d = Math.round(density);
        if (d >= 2 && Math.abs(density - d) < 0.01 && width > 0) {
            meta.put("width", (int) Math.round(width / density));
            meta.put("height", (int) Math.round(height / density));
        }
        return meta;
    }

    private static String title(byte[] data, int start, int len, boolean international) {
        int end = start + len;
        int nul = start;
        while (nul < end && data[nul] != 0) {
            nul++;
        }
        if (nul >= end || !new String(data, start, nul - start, StandardCharsets.ISO_8859_1).equals("Title")) {
            return null;
        }
        if (!international) {
            return new String(data, nul + 1, end - nul - 1, StandardCharsets.ISO_8859_1);
        }
        if (nul + 2 >= end || data[nul + 1] != 0) {
            return null; // compressed iTXt: not written here
        }
        int p = nul + 3; // compression flag, method
        for (int skip = 0; skip < 2; skip++) { // language tag, translated keyword
            while (p < end && data[p] != 0) {
                p++;
            }
            p++;
        }
        return p <= end ? new String(data, p, end - p, StandardCharsets.UTF_8) : null;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer len = ByteBuffer.allocate(4).putInt(data.length);
        out.write(len.array(), 0, 4);
        out.write(t, 0, 4);
        out.write(data, 0, data.length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(), 0, 4);
    }
}
