package dlkit.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into Java code and magics, in order. A cell magic must be the first line
 * ({@code %%time}); a line magic is a line of its own starting with {@code %}. Code parts keep their
 * line numbers (magic lines become blank) so compile errors point at the right line.
 */
public final class CellParser {

    private static final Pattern MAGIC = Pattern.compile("^\\s*%(%?)([A-Za-z_][\\w-]*)?(.*)$");

    public sealed interface Part permits Code, LineCall, CellCall {}

    public record Code(String source) implements Part {}

    public record LineCall(String name, String args) implements Part {}

    public record CellCall(String name, String args, String body) implements Part {}

    private CellParser() {}

    public static List<Part> parse(String cell) throws MagicException {
        String[] lines = cell.split("\n", -1);
        List<Part> parts = new ArrayList<>();
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && lines[first].stripLeading().startsWith("%%")) {
            Matcher m = matcher(lines[first]);
            StringBuilder body = new StringBuilder();
            for (int i = first + 1; i < lines.length; i++) {
                body.append(lines[i]).append(i + 1 < lines.length ? "\n" : "");
            }
            parts.add(new CellCall(m.group(2), m.group(3).strip(), "\n".repeat(first + 1) + body));
            return parts;
        }
        StringBuilder code = new StringBuilder();
        boolean hasCode = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("%") && !line.stripLeading().startsWith("%%")) {
                if (hasCode) {
                    parts.add(new Code(code.toString()));
                }
                Matcher m = matcher(line);
                parts.add(new LineCall(m.group(2), m.group(3).strip()));
                code = new StringBuilder("\n".repeat(i + 1));
                hasCode = false;
            } else if (line.stripLeading().startsWith("%%")) {
                throw new MagicException(
                        "line " + (i + 1) + ": a cell magic (" + line.strip() + ") must be the first line of its cell");
            } else {
                code.append(line).append(i + 1 < lines.length ? "\n" : "");
                hasCode |= !line.isBlank();
            }
        }
        if (hasCode) {
            parts.add(new Code(code.toString()));
        }
        return parts;
    }

    private static Matcher matcher(String line) throws MagicException {
        Matcher m = MAGIC.matcher(line);
        if (!m.matches() || m.group(2) == null) {
            throw new MagicException("malformed magic '" + line.strip() + "': expected %name or %%name, "
                    + "e.g. %maven group:artifact:version");
        }
        return m;
    }

    /** Splits magic arguments shell-style: spaces separate, quotes group. */
    public static List<String> args(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : args.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
