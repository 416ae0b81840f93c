package dlkit.kernel;

import dlkit.display.Html;
import dlkit.kernel.exec.JavaRepl;
import dlkit.kernel.magic.Magics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;

/** complete_request and inspect_request, answered from JShell's source analysis. */
final class Completion {

    private final JavaRepl repl;
    private final Magics magics;

    Completion(JavaRepl repl, Magics magics) {
        this.repl = repl;
        this.magics = magics;
    }

    Map<String, Object> complete(Message<?> msg) {
        CompleteRequest req = (CompleteRequest) msg.getContent();
        String code = req.getCode();
        int cursor = Math.min(req.getCursorPos(), code.length());
        Set<String> matches = new LinkedHashSet<>();
        int start = cursor;
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        String line = code.substring(lineStart, cursor);
        if (line.stripLeading().startsWith("%") && !line.contains(" ")) {
            String typed = line.stripLeading();
            boolean cell = typed.startsWith("%%");
            String prefix = typed.substring(cell ? 2 : 1);
            for (String name : cell ? magics.cellNames() : magics.lineNames()) {
                if (name.startsWith(prefix)) {
                    matches.add((cell ? "%%" : "%") + name);
                }
            }
            start = cursor - typed.length();
        } else {
            int[] anchor = new int[1];
            List<SourceCodeAnalysis.Suggestion> suggestions =
                    repl.analysis().completionSuggestions(code, cursor, anchor);
            List<SourceCodeAnalysis.Suggestion> sorted = new ArrayList<>(suggestions);
            sorted.sort((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()));
            sorted.forEach(s -> matches.add(s.continuation()));
            start = anchor[0];
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", "ok");
        r.put("matches", new ArrayList<>(matches));
        r.put("cursor_start", start);
        r.put("cursor_end", cursor);
        r.put("metadata", Map.of());
        return r;
    }

    Map<String, Object> inspect(Message<?> msg) {
        InspectRequest req = (InspectRequest) msg.getContent();
        String code = req.getCode();
        int cursor = Math.min(req.getCursorPos(), code.length());
        // Move to the end of the identifier under the cursor and into a following '(' so JShell
        // documents the method being called.
        while (cursor < code.length() && Character.isJavaIdentifierPart(code.charAt(cursor))) {
            cursor++;
        }
        if (cursor < code.length() && code.charAt(cursor) == '(') {
            cursor++;
        }
        List<SourceCodeAnalysis.Documentation> docs = repl.analysis().documentation(code, cursor, true);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", "ok");
        r.put("found", !docs.isEmpty());
        r.put("data", docs.isEmpty() ? Map.of() : render(docs));
        r.put("metadata", Map.of());
        return r;
    }

    /** The signatures with their Javadoc as text/plain and text/html (the front end picks one). */
    static Map<String, Object> render(List<SourceCodeAnalysis.Documentation> docs) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        boolean anyJavadoc = false;
        for (SourceCodeAnalysis.Documentation d : docs) {
            text.append(d.signature()).append('\n');
            html.append("<p><code><b>").append(Html.escape(d.signature())).append("</b></code></p>");
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                anyJavadoc = true;
                Javadoc doc = Javadoc.parse(d.javadoc());
                text.append(doc.text()).append('\n');
                html.append("<div style=\"margin-left:1em\">")
                        .append(doc.html())
                        .append("</div>");
            }
            text.append('\n');
        }
        String missing = anyJavadoc ? null : JdkSources.missingNote();
        if (missing != null) {
            text.append(missing);
            html.append("<p><i>").append(Html.escape(missing)).append("</i></p>");
        }
        return Map.of("text/plain", text.toString().strip(), "text/html", html.toString());
    }

    private static final Pattern HELP =
            Pattern.compile("\\s*([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.]*)\\s*\\?\\s*");

    /** {@code Math.max} for a cell that is just {@code Math.max?}, else null. */
    static String helpTarget(String code) {
        Matcher m = HELP.matcher(code);
        return m.matches() ? m.group(1) : null;
    }

    /** The execute_reply payload that opens the pager on TARGET's documentation. */
    Map<String, Object> page(String target) {
        String code = target + "(";
        List<SourceCodeAnalysis.Documentation> docs = repl.analysis().documentation(code, code.length(), true);
        if (docs.isEmpty()) {
            docs = repl.analysis().documentation(target, target.length(), true);
        }
        Map<String, Object> data =
                docs.isEmpty() ? Map.of("text/plain", "No documentation found for " + target) : render(docs);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", "page");
        p.put("data", data);
        p.put("start", 0);
        return p;
    }
}
