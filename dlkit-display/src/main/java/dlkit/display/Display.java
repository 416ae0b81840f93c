package dlkit.display;

/**
 * Where notebook output goes. The Jupyter kernel installs one that publishes MIME bundles; elsewhere
 * (plain programs, unit tests) {@link ConsoleDisplay} prints a text form. The library only ever talks
 * to this interface, so it never depends on the kernel.
 */
public interface Display {

    /**
     * Shows a value (a chart, an image, {@link Html}, {@link Markdown}, a table, ...) and returns an id
     * that {@link #update} can later replace in place. With no MIME types the value's preferred ones are
     * used; otherwise only the requested ones (for example {@code "image/svg+xml"}).
     */
    String display(Object value, String... mimeTypes);

    /** Replaces what an earlier {@link #display} showed under {@code displayId}. */
    void update(String displayId, Object value, String... mimeTypes);

    /** Clears the current cell's output; with {@code wait} the clear happens when new output arrives. */
    void clearOutput(boolean wait);
}
