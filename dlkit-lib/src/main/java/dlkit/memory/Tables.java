package dlkit.memory;

import dlkit.display.Html;
import java.util.Map;
import java.util.function.DoublePredicate;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Small helpers to build and show Tablesaw tables without depending on the kernel. */
public final class Tables {

    private Tables() {}

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

    /**
     * The rows of tables with the same columns, one table after the other, under a first column {@code key} that
     * names the table each row came from (the map's keys, in its order): e.g. a library table per optimizer as one
     * table, instead of a cell appending to each column.
     */
    public static Table stack(String name, String key, Map<String, Table> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no tables to stack under " + key);
        }
        // value by value: Table.copy and Table.append select rows through a RoaringBitmap iterator that the fastutil
        // on DL4J's class path breaks (AbstractMethodError)
        Table first = parts.values().iterator().next();
        Table out = Table.create(name, StringColumn.create(key));
        for (Column<?> c : first.columns()) {
            out.addColumns(c.emptyCopy());
        }
        for (Map.Entry<String, Table> e : parts.entrySet()) {
            Table part = e.getValue();
            if (!part.columnNames().equals(first.columnNames())) {
                throw new IllegalArgumentException("cannot stack " + e.getKey() + ": its columns " + part.columnNames()
                        + " are not " + first.columnNames());
            }
            for (int r = 0; r < part.rowCount(); r++) {
                out.stringColumn(0).append(e.getKey());
                for (int c = 0; c < part.columnCount(); c++) {
                    out.column(c + 1).appendObj(part.column(c).get(r));
                }
            }
        }
        return out.setName(name);
    }

    /** A "yes"/"no" column: whether each value of {@code values} passes {@code test}. */
    public static StringColumn yesNo(String name, NumericColumn<?> values, DoublePredicate test) {
        StringColumn out = StringColumn.create(name);
        for (int i = 0; i < values.size(); i++) {
            out.append(test.test(values.getDouble(i)) ? "yes" : "no");
        }
        return out;
    }
}
