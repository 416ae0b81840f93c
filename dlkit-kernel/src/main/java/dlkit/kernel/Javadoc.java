package dlkit.kernel;

import dlkit.display.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Javadoc comment as JShell's {@code documentation()} returns it (raw source text: HTML with inline tags
 * such as {@code {@code x}} and block tags such as {@code @param}), turned into what a Jupyter inspector
 * or tooltip can show: HTML, and plain text without markup.
 */
final class Javadoc {

    private static final Pattern INLINE = Pattern.compile("\\{@(\\w+)\\s*([^{}]*(?:\\{[^{}]*\\}[^{}]*)*)\\}");
    private static final Pattern BLOCK = Pattern.compile("(?m)^\\s*@(\\w+)\\s");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private final String description;
    private final Map<String, List<String>> blocks; // heading -> entries, in first-seen order

    private Javadoc(String description, Map<String, List<String>> blocks) {
        this.description = description;
        this.blocks = blocks;
    }

    static Javadoc parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        Matcher m = BLOCK.matcher(text);
        int end = m.find() ? m.start() : text.length();
        String description = text.substring(0, end).strip();
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        while (end < text.length()) {
            String name = m.group(1);
            int start = m.end();
            end = m.find() ? m.start() : text.length();
            String body = text.substring(start, end).strip().replaceAll("\\s+", " ");
            switch (name) {
                case "param" -> {
                    String[] p = body.split(" ", 2);
                    add(blocks, "Parameters", "<code>" + p[0] + "</code>" + (p.length > 1 ? " – " + p[1] : ""));
                }
                case "return" -> add(blocks, "Returns", body);
                case "throws", "exception" -> {
                    String[] p = body.split(" ", 2);
                    add(blocks, "Throws", "<code>" + p[0] + "</code>" + (p.length > 1 ? " – " + p[1] : ""));
                }
                case "see" ->
                    add(
                            blocks,
                            "See also",
                            body.startsWith("<") || body.startsWith("\"")
                                    ? body
                                    : "<code>" + body.replace('#', '.') + "</code>");
                case "since" -> add(blocks, "Since", body);
                case "deprecated" -> add(blocks, "Deprecated", body);
                default -> {} // @author, @implSpec, @jls...: not for a tooltip
            }
        }
        return new Javadoc(description, blocks);
    }

    private static void add(Map<String, List<String>> blocks, String heading, String entry) {
        blocks.computeIfAbsent(heading, k -> new ArrayList<>()).add(entry);
    }

    /** HTML: the description, then a definition list of the block tags. */
    String html() {
        StringBuilder out = new StringBuilder(inlineHtml(description));
        if (!blocks.isEmpty()) {
            out.append("<dl>");
            blocks.forEach((heading, entries) -> {
                out.append("<dt><b>").append(heading).append(":</b></dt>");
                entries.forEach(e -> out.append("<dd>").append(inlineHtml(e)).append("</dd>"));
            });
            out.append("</dl>");
        }
        return out.toString();
    }

    /** Plain text: markup removed, entities decoded, one paragraph per line. */
    String text() {
        StringBuilder out = new StringBuilder(plain(description));
        blocks.forEach((heading, entries) -> {
            out.append("\n").append(heading).append(":");
            entries.forEach(e -> out.append("\n  ").append(plain(e)));
        });
        return out.toString().strip();
    }

    private static String inlineHtml(String s) {
        Matcher m = INLINE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String body = m.group(2).strip();
            String r = switch (m.group(1)) {
                case "code", "literal" -> "<code>" + Html.escape(body) + "</code>";
                case "link", "linkplain" -> linkLabel(body, m.group(1).equals("link"));
                case "inheritDoc" -> "";
                default -> Html.escape(body); // @value, @index, @summary...: the text
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code {@link Integer#MAX_VALUE}} shows {@code Integer.MAX_VALUE}; a label, when given, wins. */
    private static String linkLabel(String body, boolean code) {
        String[] p = body.split("\\s+", 2);
        if (p.length > 1) {
            return p[1];
        }
        String target = p[0].startsWith("#") ? p[0].substring(1) : p[0].replace('#', '.');
        return code ? "<code>" + Html.escape(target) + "</code>" : Html.escape(target);
    }

    private static String plain(String s) {
        String text = TAG.matcher(inlineHtml(s).replaceAll("(?i)<p>|<br\\s*/?>|</?pre>|<li>", "\n\n"))
                .replaceAll("");
        text = text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
        StringBuilder out = new StringBuilder();
        for (String para : text.split("\\n\\s*\\n")) {
            String line = para.strip().replaceAll("\\s+", " ");
            if (!line.isEmpty()) {
                out.append(out.length() > 0 ? "\n" : "").append(line);
            }
        }
        return out.toString();
    }
}
