package dlkit.display;

/** The plain-text form of a displayable value, used by the console fallback and as text/plain. */
public final class TextForm {

    private TextForm() {}

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Renderable r) {
            return r.textForm();
        }
        if (value instanceof java.awt.image.RenderedImage img) {
            return "Image " + img.getWidth() + "x" + img.getHeight() + " px";
        }
        return String.valueOf(value);
    }
}
