package dlkit.display;

import java.io.PrintStream;
import java.util.UUID;

/** The fallback outside a notebook: prints each value's text form to standard output. */
public final class ConsoleDisplay implements Display {

    private final PrintStream out;

    public ConsoleDisplay() {
        this(null);
    }

    /** @param out where to print; {@code null} means whatever {@code System.out} is at the time */
    public ConsoleDisplay(PrintStream out) {
        this.out = out;
    }

    private PrintStream out() {
        return out != null ? out : System.out;
    }

    @Override
    public String display(Object value, String... mimeTypes) {
        out().println(TextForm.of(value));
        return UUID.randomUUID().toString();
    }

    @Override
    public void update(String displayId, Object value, String... mimeTypes) {
        out().println(TextForm.of(value));
    }

    @Override
    public void clearOutput(boolean wait) {
        // A console cannot take back what it printed.
    }
}
