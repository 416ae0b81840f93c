package dlkit.memory;

import dlkit.display.Html;
import java.util.Map;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Small helpers to show Tablesaw tables without depending on the kernel. */
public final class Tables {

    private Tables() {
    }

    /** A plain HTML table (the kernel renders Table itself; this is for Renderables that embed one). */
    public static String html(Table t) {
        StringBuilder sb = new StringBuilder("<table>");
        if (t.name() != null && !t.name().isEmpty()) {
            sb.append("<caption>").append(Html.escape(t.name())).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : t.columns()) {
            sb.append("<th>").append(Html.escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : t.columns()) {
                sb.append("<td>").append(Html.escape(c.getString(r))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** A table wrapped as a Renderable (text/plain + text/html). */
    public static dlkit.display.Renderable renderable(Table t) {
        return () -> Map.of("text/plain", t.printAll(), "text/html", html(t));
    }

}
