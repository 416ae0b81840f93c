package dlkit.notebook;

import dlkit.display.Html;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.table.Relation;

/** Tablesaw tables as an HTML table (first and last rows of long tables) plus Tablesaw's text form. */
final class TableRenderer {

    private static final int HEAD = 10;

    private TableRenderer() {}

    static Map<String, Object> render(Relation table, List<String> requested) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html(table));
        bundle.put("text/plain", table.print());
        return bundle;
    }

    static String html(Relation t) {
        StringBuilder sb = new StringBuilder("<table class=\"dataframe\">");
        if (t.name() != null && !t.name().isEmpty()) {
            sb.append("<caption>").append(Html.escape(t.name())).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (String c : t.columnNames()) {
            sb.append("<th>").append(Html.escape(c)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        int n = t.rowCount();
        for (int r = 0; r < n; r++) {
            if (n > 2 * HEAD && r == HEAD) {
                sb.append("<tr><td colspan=\"")
                        .append(t.columnCount())
                        .append("\">… ")
                        .append(n - 2 * HEAD)
                        .append(" more rows …</td></tr>");
                r = n - HEAD;
            }
            sb.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append("<td>").append(Html.escape(t.getString(r, c))).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        sb.append("<p style=\"font-size:smaller\">")
                .append(n)
                .append(" rows × ")
                .append(t.columnCount())
                .append(" columns</p>");
        return sb.toString();
    }
}
