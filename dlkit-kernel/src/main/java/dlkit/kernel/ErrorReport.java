package dlkit.kernel;

import dlkit.kernel.exec.CompileError;
import dlkit.kernel.exec.SnippetLocations;
import dlkit.kernel.magic.MagicException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.EvalException;
import jdk.jshell.UnresolvedReferenceException;

/** What a failed cell shows: ename, evalue and a short traceback of the user's own cells. */
public record ErrorReport(String ename, String evalue, List<String> traceback) {

    private static final String RED = "\u001b[0;31m";
    private static final String RESET = "\u001b[0m";
    private static final int LIBRARY_FRAMES_SHOWN = 4;

    /** ename, evalue and traceback, as an error message and an error reply carry them (a map open to more keys). */
    public Map<String, Object> content() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ename", ename);
        m.put("evalue", evalue);
        m.put("traceback", traceback);
        return m;
    }

    public static ErrorReport interrupted() {
        return new ErrorReport(
                "Interrupted",
                "the cell was interrupted; variables defined before it are kept",
                List.of(RED + "Interrupted" + RESET + ": the cell was interrupted; variables defined before it "
                        + "are kept"));
    }

    public static ErrorReport of(Throwable t, SnippetLocations locations) {
        if (t instanceof CompileError ce) {
            List<String> tb = new ArrayList<>();
            tb.add(RED + "Compile error" + RESET + ": " + ce.getMessage());
            tb.addAll(ce.lines());
            return new ErrorReport("CompileError", ce.getMessage(), tb);
        }
        if (t instanceof MagicException me) {
            return new ErrorReport(
                    "MagicError", me.getMessage(), List.of(RED + "MagicError" + RESET + ": " + me.getMessage()));
        }
        if (t instanceof UnresolvedReferenceException ure) {
            String msg = "this snippet uses something not yet defined: "
                    + ure.getSnippet().source().strip();
            return new ErrorReport(
                    "UnresolvedReference", msg, List.of(RED + "UnresolvedReference" + RESET + ": " + msg));
        }
        String name = nameOf(t);
        String message = t.getMessage() == null ? "" : t.getMessage();
        List<String> tb = new ArrayList<>();
        tb.add(RED + name + RESET + (message.isEmpty() ? "" : ": " + message));
        appendFrames(t, locations, tb);
        Throwable cause = t.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String cm = cause.getMessage();
            tb.add("Caused by: " + nameOf(cause) + (cm == null ? "" : ": " + cm));
            appendFrames(cause, locations, tb);
            cause = cause.getCause();
        }
        return new ErrorReport(name, message, tb);
    }

    private static String nameOf(Throwable t) {
        if (t instanceof EvalException ee) {
            return ee.getExceptionClassName();
        }
        return t.getClass().getName();
    }

    /** Library frames up to the user's code, then the user's frames as "cell [n], line m". */
    private static void appendFrames(Throwable t, SnippetLocations locations, List<String> out) {
        StackTraceElement[] frames = t.getStackTrace();
        int lastUser = -1;
        for (int i = 0; i < frames.length; i++) {
            if (locations.find(frames[i].getFileName()) != null) {
                lastUser = i;
            }
        }
        int libraryShown = 0;
        int end = lastUser >= 0 ? lastUser + 1 : Math.min(frames.length, LIBRARY_FRAMES_SHOWN);
        for (int i = 0; i < end; i++) {
            StackTraceElement f = frames[i];
            SnippetLocations.Location loc = locations.find(f.getFileName());
            if (loc != null) {
                int line = loc.line() + Math.max(0, f.getLineNumber() - 1);
                String where = "cell [" + loc.cell() + "], line " + line;
                String m = f.getMethodName();
                boolean body = m.isEmpty() || m.startsWith("do_it") || m.startsWith("$");
                out.add(body ? "    at " + where : "    at " + f.getMethodName() + " (" + where + ")");
                libraryShown = 0;
            } else if (libraryShown++ < LIBRARY_FRAMES_SHOWN) {
                out.add("    at " + f);
            } else if (libraryShown == LIBRARY_FRAMES_SHOWN + 1) {
                out.add("    ...");
            }
        }
    }
}
