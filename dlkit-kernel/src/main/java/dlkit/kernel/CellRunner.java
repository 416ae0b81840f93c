package dlkit.kernel;

import dlkit.display.Display;
import dlkit.kernel.exec.InProcessControl;
import dlkit.kernel.exec.JavaRepl;
import dlkit.kernel.magic.CellParser;
import dlkit.kernel.magic.MagicContext;
import dlkit.kernel.magic.MagicException;
import dlkit.kernel.magic.Magics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one cell: its magics and Java parts in order. Also the context magics work through. */
final class CellRunner implements MagicContext {

    /** Kept in reserve and let go when memory runs out, so the kernel can still report the error. */
    private static byte[] reserve = new byte[8 * 1024 * 1024];

    private final JavaRepl repl;
    private final Magics magics;
    private final Display display;
    private final ClasspathGuard guard;
    private int cellNumber;

    CellRunner(JavaRepl repl, Magics magics, Display display, ClasspathGuard guard) {
        this.repl = repl;
        this.magics = magics;
        this.display = display;
        this.guard = guard;
    }

    /** Returns the value to show as the cell's result, or {@link JavaRepl#NO_VALUE}. */
    Object run(String code, int cellNumber) throws Exception {
        this.cellNumber = cellNumber;
        repl.beginCell();
        if (reserve == null) {
            reserve = new byte[8 * 1024 * 1024];
        }
        try {
            Object last = JavaRepl.NO_VALUE;
            for (CellParser.Part part : CellParser.parse(code)) {
                if (part instanceof CellParser.Code c) {
                    last = repl.eval(c.source(), cellNumber);
                } else if (part instanceof CellParser.LineCall l) {
                    last = orNoValue(magics.lineMagic(l.name()).run(l.args(), this));
                } else if (part instanceof CellParser.CellCall c) {
                    last = orNoValue(magics.cellMagic(c.name()).run(c.args(), c.body(), this));
                }
            }
            return last;
        } catch (OutOfMemoryError e) {
            reserve = null;
            throw e;
        }
    }

    /** Evaluates an expression for user_expressions. */
    Object evalQuiet(String expression) throws Exception {
        return repl.eval(expression, cellNumber);
    }

    ErrorReport describe(Throwable t) {
        if (repl.thread().wasInterrupted()) {
            return ErrorReport.interrupted();
        }
        if (t instanceof OutOfMemoryError || isEval(t, "java.lang.OutOfMemoryError")) {
            reserve = null;
            System.gc();
            String msg = outOfMemory(String.valueOf(t.getMessage()));
            return new ErrorReport("OutOfMemoryError", msg, List.of("\u001b[0;31mOutOfMemoryError\u001b[0m: " + msg));
        }
        if (t instanceof StackOverflowError || isEval(t, "java.lang.StackOverflowError")) {
            String msg = "stack overflow: a recursion that never ends? (the kernel is fine; fix the base case)";
            return new ErrorReport(
                    "StackOverflowError", msg, List.of("\u001b[0;31mStackOverflowError\u001b[0m: " + msg));
        }
        return ErrorReport.of(t, repl.locations());
    }

    /** Which memory ran out, from the error's own message: threads, off-heap (ND4J arrays) or the heap. */
    static String outOfMemory(String original) {
        if (original.contains("unable to create native thread")) {
            return "out of threads: unable to create native thread (the process/thread limit or memory is "
                    + "reached); start fewer threads, or restart the kernel to free the ones still running";
        }
        if (original.contains("Cannot allocate")
                || original.contains("Physical memory usage is too high")
                || original.contains("maxBytes")
                || original.contains("off-heap")) {
            return "out of off-heap memory (ND4J arrays): "
                    + original.lines().findFirst().orElse("")
                    + "; free big arrays (x = null, then System.gc()) or raise the budget (MEM_LIMIT) and restart "
                    + "the kernel";
        }
        String max = String.format("%.1f GB", Runtime.getRuntime().maxMemory() / 1e9);
        return "out of memory (Java heap max " + max + "); free big objects (x = null) or raise the heap "
                + "with DLKIT_HEAP=8g and restart the kernel";
    }

    private static boolean isEval(Throwable t, String className) {
        return t instanceof jdk.jshell.EvalException e && className.equals(e.getExceptionClassName());
    }

    private static Object orNoValue(Object v) {
        return v == null ? JavaRepl.NO_VALUE : v;
    }

    // ---- MagicContext --------------------------------------------------------------------------

    @Override
    public Object evalJava(String code) throws Exception {
        Object v = repl.eval(code, cellNumber);
        return v == JavaRepl.NO_VALUE ? null : v == InProcessControl.NULL ? null : v;
    }

    @Override
    public List<String> addToClasspath(List<Path> paths) throws MagicException {
        List<String> added = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (abs.toString().endsWith(".jar")) {
                String copy = guard.startupCopyOf(abs);
                if (copy != null) {
                    continue; // the kernel already carries this artifact (as `copy`)
                }
            }
            if (repl.addToClasspath(abs.toString())) {
                added.add(abs.toString());
            }
        }
        return added;
    }

    @Override
    public void display(Object value) {
        display.display(value);
    }
}
