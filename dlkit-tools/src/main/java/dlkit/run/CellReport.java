package dlkit.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** What an executed notebook's outputs say: which cells failed and which wrote to stderr. */
public final class CellReport {
    /** A failed cell: 1-based position in the notebook, its error name and message. */
    public record Failure(int cell, String firstLine, String ename, String evalue) {
        @Override
        public String toString() {
            String value = evalue == null ? "" : evalue.strip();
            int nl = value.indexOf('\n');
            if (nl >= 0) {
                value = value.substring(0, nl) + " ...";
            }
            String where = firstLine.isBlank()
                    ? ""
                    : " (" + (firstLine.length() > 40 ? firstLine.substring(0, 37) + "..." : firstLine) + ")";
            return "cell " + cell + where + ": " + ename + (value.isEmpty() ? "" : ": " + value);
        }
    }

    private final List<Failure> failures = new ArrayList<>();
    private final List<Integer> stderrCells = new ArrayList<>();
    private int codeCells;

    public static CellReport of(NotebookFile nb) {
        CellReport report = new CellReport();
        JsonArray cells = nb.cells();
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            if (!NotebookFile.isCode(cell)) {
                continue;
            }
            report.codeCells++;
            JsonElement outputs = cell.get("outputs");
            if (outputs == null || !outputs.isJsonArray()) {
                continue;
            }
            boolean stderr = false;
            for (JsonElement o : outputs.getAsJsonArray()) {
                JsonObject out = o.getAsJsonObject();
                String type = NotebookFile.string(out, "output_type");
                if ("error".equals(type)) {
                    report.failures.add(new Failure(
                            i + 1,
                            firstCodeLine(NotebookFile.source(cell)),
                            String.valueOf(NotebookFile.string(out, "ename")),
                            NotebookFile.string(out, "evalue")));
                } else if ("stream".equals(type) && "stderr".equals(NotebookFile.string(out, "name"))) {
                    stderr = true;
                }
            }
            if (stderr) {
                report.stderrCells.add(i + 1);
            }
        }
        return report;
    }

    private static String firstCodeLine(String source) {
        return source.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//"))
                .findFirst()
                .orElse("");
    }

    public List<Failure> failures() {
        return failures;
    }

    public List<Integer> stderrCells() {
        return stderrCells;
    }

    public int codeCells() {
        return codeCells;
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
