package dlkit.kernel.exec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * PrintStreams that write to whatever System.out / System.err is at the time of writing: the kernel swaps them per
 * cell, while JShell and the agent's line are set up once.
 */
final class CurrentStreams {

    private CurrentStreams() {}

    static PrintStream out() {
        return following(() -> System.out);
    }

    static PrintStream err() {
        return following(() -> System.err);
    }

    private static PrintStream following(Supplier<PrintStream> current) {
        return new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        current.get().write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        current.get().write(b, off, len);
                    }
                },
                true);
    }
}
