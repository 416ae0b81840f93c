package dlkit.tools.grade.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;

/**
 * Block-style YAML for a Gson tree, for manifests people read: scalars as JSON (valid YAML: strings double-quoted,
 * numbers and booleans bare), multi-line strings as literal blocks.
 */
final class Yaml {
    private Yaml() {}

    static String of(JsonObject root) {
        StringBuilder sb = new StringBuilder();
        object(sb, root, 0);
        return sb.toString();
    }

    private static void object(StringBuilder sb, JsonObject o, int indent) {
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            sb.append(" ".repeat(indent)).append(e.getKey()).append(':');
            value(sb, e.getValue(), indent);
        }
    }

    private static void value(StringBuilder sb, JsonElement v, int indent) {
        if (v.isJsonObject() && !v.getAsJsonObject().isEmpty()) {
            sb.append('\n');
            object(sb, v.getAsJsonObject(), indent + 2);
        } else if (v.isJsonArray() && !v.getAsJsonArray().isEmpty()) {
            sb.append('\n');
            for (JsonElement item : v.getAsJsonArray()) {
                sb.append(" ".repeat(indent)).append("- ");
                if (item.isJsonObject() && !item.getAsJsonObject().isEmpty()) {
                    // first key on the dash line, the rest aligned under it
                    StringBuilder inner = new StringBuilder();
                    object(inner, item.getAsJsonObject(), indent + 2);
                    sb.append(inner.substring(indent + 2));
                } else {
                    scalar(sb, item, indent + 2, true);
                }
            }
        } else {
            sb.append(' ');
            scalar(sb, v, indent + 2, false);
        }
    }

    private static void scalar(StringBuilder sb, JsonElement v, int indent, boolean inList) {
        if (v.isJsonArray()) {
            sb.append("[]\n");
        } else if (v.isJsonObject()) {
            sb.append("{}\n");
        } else if (v.isJsonNull()) {
            sb.append("null\n");
        } else {
            JsonPrimitive p = v.getAsJsonPrimitive();
            if (p.isString() && p.getAsString().contains("\n")) {
                String text = p.getAsString();
                sb.append(text.endsWith("\n") ? "|\n" : "|-\n");
                for (String line : text.split("\n", -1)) {
                    if (!line.isEmpty()) {
                        sb.append(" ".repeat(indent)).append(line);
                    }
                    sb.append('\n');
                }
                if (text.endsWith("\n")) { // split left one empty piece after the final newline: drop its line
                    sb.setLength(sb.length() - 1);
                }
            } else {
                sb.append(p.toString()).append('\n');
            }
        }
    }
}
