package dlkit.kernel;

import dlkit.kernel.exec.JavaRepl;
import dlkit.kernel.magic.Magics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        if (docs.isEmpty()) {
            r.put("found", false);
            r.put("data", Map.of());
        } else {
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            for (SourceCodeAnalysis.Documentation d : docs) {
                text.append(d.signature()).append('\n');
                html.append("<b>").append(escape(d.signature())).append("</b><br/>");
                if (d.javadoc() != null && !d.javadoc().isBlank()) {
                    text.append(d.javadoc()).append('\n');
                    html.append(escape(d.javadoc()).replace("\n", "<br/>")).append("<br/>");
                }
                text.append('\n');
            }
            r.put("found", true);
            r.put("data", Map.of("text/plain", text.toString().strip(), "text/html", html.toString()));
        }
        r.put("metadata", Map.of());
        return r;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
