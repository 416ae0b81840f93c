package dlkit.display;

import java.util.Objects;

/**
 * The static display API that notebook cells and library code call: {@code display(chart)},
 * {@code updateDisplay(id, chart)}, {@code clearOutput()}, {@code markdown("# Title")}.
 * It forwards to the installed {@link Display}: the kernel's inside Jupyter, the console elsewhere.
 */
public final class Notebook {

    private static volatile Display current = new ConsoleDisplay();

    private Notebook() {}

    /** Installs where output goes from now on (the kernel calls this at start-up). */
    public static void install(Display display) {
        current = Objects.requireNonNull(display, "display");
    }

    public static Display current() {
        return current;
    }

    /** True when a rich front end (a Jupyter kernel) receives the output. */
    public static boolean isRich() {
        return !(current instanceof ConsoleDisplay);
    }

    public static String display(Object value) {
        return current.display(value);
    }

    public static String display(Object value, String... mimeTypes) {
        return current.display(value, mimeTypes);
    }

    public static void updateDisplay(String displayId, Object value) {
        current.update(displayId, value);
    }

    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        current.update(displayId, value, mimeTypes);
    }

    public static void clearOutput() {
        current.clearOutput(false);
    }

    public static void clearOutput(boolean wait) {
        current.clearOutput(wait);
    }

    public static Markdown markdown(String text) {
        return new Markdown(text);
    }

    public static Html html(String html) {
        return new Html(html);
    }

    public static Latex latex(String latex) {
        return new Latex(latex);
    }
}
