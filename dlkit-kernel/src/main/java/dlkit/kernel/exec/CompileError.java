package dlkit.kernel.exec;

import java.util.List;

/** A cell that does not compile; {@link #lines()} show each problem with its line and a caret. */
public final class CompileError extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> lines;

    public CompileError(String summary, List<String> lines) {
        super(summary);
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
