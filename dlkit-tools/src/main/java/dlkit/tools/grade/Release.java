package dlkit.tools.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dlkit.run.NotebookFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The student version of an instructor notebook, as nbgrader's generate_assignment makes it: solution regions
 * replaced by the Java stub (indented like the BEGIN line), solution cells without a region replaced whole,
 * hidden tests removed, outputs and execution counts cleared, checksums and {@code cell_type} written into
 * the nbgrader metadata, locked and grade cells made non-editable and non-deletable.
 *
 * <p>Where a region sits decides the stub (so the student version compiles):
 * <ul>
 *   <li>statement (JShell top level, or last in a block): {@code throw new UnsupportedOperationException("your code here");}
 *       — nbgrader's stub from the shipped config;</li>
 *   <li>statement followed by more code in the same block (e.g. a {@code return} after the region):
 *       {@code if (true) throw …;} — a bare throw would make that code unreachable, a compile error;</li>
 *   <li>expression (an initialiser after {@code =}, an argument, an array element):
 *       {@code dlkit.grade.Stub.yourCodeHere()} plus the region's trailing {@code ;} or {@code ,};</li>
 *   <li>class body: an instance initialiser {@code { if (true) throw …; }}; interface/record/enum body: the
 *       comment only.</li>
 * </ul>
 */
public final class Release {
    static final String THROW = "throw new UnsupportedOperationException(\"your code here\");";
    static final String TEXT_STUB = "YOUR ANSWER HERE";

    private Release() {}

    /** Result of clearing one cell's solution regions. */
    record Cleared(String source, boolean replaced) {}

    /**
     * Names declared inside a solution region and used after it in the same cell: in the student version the
     * cell does not compile until answered ("cannot find symbol"). nbgrader's convention is to declare answer
     * variables before {@code // BEGIN SOLUTION} and only assign them inside.
     */
    static List<String> declaredInsideUsedAfter(String source) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        StringBuilder region = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(Nbgrader.BEGIN_SOLUTION)) {
                region = new StringBuilder();
            } else if (lines[i].contains(Nbgrader.END_SOLUTION) && region != null) {
                String after = String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
                List<String> used = JavaContext.tokens(after);
                for (String name : Restore.declared(region.toString())) {
                    if (used.contains(name) && !found.contains(name)) {
                        found.add(name);
                    }
                }
                region = null;
            } else if (region != null) {
                region.append(lines[i]).append('\n');
            }
        }
        return found;
    }

    /** Replaces every solution region of a code ({@code code}) or Markdown cell. */
    static Cleared clearSolutions(String source, boolean code, String where) throws GradeException {
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean in = false;
        boolean replaced = false;
        int beginLine = -1;
        String indent = "";
        StringBuilder region = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.contains(Nbgrader.BEGIN_SOLUTION)) {
                if (in) {
                    throw new GradeException(where + ": nested BEGIN SOLUTION (line " + (i + 1) + "); close the region "
                            + "opened on line " + (beginLine + 1) + " first");
                }
                in = true;
                replaced = true;
                beginLine = i;
                indent = line.substring(0, line.indexOf(line.stripLeading()));
                region.setLength(0);
            } else if (line.contains(Nbgrader.END_SOLUTION)) {
                if (!in) {
                    throw new GradeException(where + ": END SOLUTION on line " + (i + 1) + " without a BEGIN SOLUTION");
                }
                in = false;
                if (code) {
                    String before = String.join("\n", out);
                    String after =
                            String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
                    out.addAll(stub(before, region.toString(), after, indent));
                } else {
                    out.add(indent + TEXT_STUB);
                }
            } else if (in) {
                region.append(line).append('\n');
            } else {
                out.add(line);
            }
        }
        if (in) {
            throw new GradeException(where + ": BEGIN SOLUTION on line " + (beginLine + 1) + " has no END SOLUTION");
        }
        return new Cleared(String.join("\n", out), replaced);
    }

    /** The stub lines for one region, chosen by where it sits (see the class comment). */
    static List<String> stub(String before, String region, String after, String indent) {
        List<String> lines = new ArrayList<>();
        lines.add(indent + "// YOUR CODE HERE");
        switch (JavaContext.at(before)) {
            case TOP_STATEMENT -> lines.add(indent + THROW);
            case BLOCK_STATEMENT ->
                lines.add(indent + (JavaContext.moreStatementsInBlock(after) ? "if (true) " : "") + THROW);
            case EXPRESSION -> {
                String last = JavaContext.lastToken(region);
                lines.add(indent + "dlkit.grade.Stub.yourCodeHere()"
                        + (last.equals(";") || last.equals(",") ? last : ""));
            }
            case CLASS_BODY -> lines.add(indent + "{ if (true) " + THROW + " }");
            case TYPE_BODY -> {
                // Only the comment: no statement may stand here.
            }
        }
        return lines;
    }

    /** Removes hidden-test regions (markers included). */
    static String removeHiddenTests(String source, String where) throws GradeException {
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean in = false;
        int begin = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.contains(Nbgrader.BEGIN_HIDDEN)) {
                if (in) {
                    throw new GradeException(where + ": nested BEGIN HIDDEN TESTS (line " + (i + 1) + ")");
                }
                in = true;
                begin = i;
            } else if (line.contains(Nbgrader.END_HIDDEN)) {
                if (!in) {
                    throw new GradeException(where + ": END HIDDEN TESTS on line " + (i + 1) + " without a BEGIN");
                }
                in = false;
            } else if (!in) {
                out.add(line);
            }
        }
        if (in) {
            throw new GradeException(
                    where + ": BEGIN HIDDEN TESTS on line " + (begin + 1) + " has no END HIDDEN TESTS");
        }
        return String.join("\n", out);
    }

    /** Checks the nbgrader metadata of an instructor notebook; returns how many grade cells it has. */
    static int validateSource(NotebookFile nb) throws GradeException {
        Set<String> ids = new HashSet<>();
        int grades = 0;
        JsonArray cells = nb.cells();
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            JsonObject meta = Nbgrader.meta(cell);
            if (meta == null) {
                continue;
            }
            String where = nb.path() + " cell " + (i + 1);
            boolean any = Nbgrader.isGrade(cell) || Nbgrader.isSolution(cell) || Nbgrader.isLocked(cell);
            String id = Nbgrader.gradeId(cell);
            if (any && (id == null || id.isEmpty() || !id.matches("[a-zA-Z0-9_\\-]+"))) {
                throw new GradeException(where + ": nbgrader cell without a valid grade_id (letters, digits, _ and -)");
            }
            if (id != null && any && !ids.add(id)) {
                throw new GradeException(where + ": grade_id '" + id + "' is used twice; grade_ids must be unique");
            }
            if (Nbgrader.isGrade(cell)) {
                JsonElement p = meta.get("points");
                if (p == null || !p.isJsonPrimitive() || !p.getAsJsonPrimitive().isNumber() || p.getAsDouble() < 0) {
                    throw new GradeException(where + " ('" + id + "'): a grade cell needs points >= 0");
                }
                grades++;
            }
        }
        return grades;
    }

    /** The student version of {@code source} (a copy; the source tree is not modified). */
    public static JsonObject release(NotebookFile source) throws GradeException {
        return release(source, new ArrayList<>());
    }

    /** As {@link #release(NotebookFile)}, adding one line per authoring problem that does not stop a release. */
    public static JsonObject release(NotebookFile source, List<String> warnings) throws GradeException {
        validateSource(source);
        JsonObject nb = source.json().deepCopy();
        JsonObject nbMeta = nb.getAsJsonObject("metadata");
        if (nbMeta != null) {
            nbMeta.remove("celltoolbar");
        }
        JsonArray cells = nb.getAsJsonArray("cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            String where = source.path() + " cell " + (i + 1)
                    + (Nbgrader.gradeId(cell) == null ? "" : " ('" + Nbgrader.gradeId(cell) + "')");
            if (NotebookFile.isCode(cell) && Nbgrader.isSolution(cell)) {
                List<String> names = declaredInsideUsedAfter(NotebookFile.source(cell));
                if (!names.isEmpty()) {
                    warnings.add(where + ": " + String.join(", ", names) + " declared inside the solution region and "
                            + "used after it, so the student version does not compile until answered; declare "
                            + (names.size() > 1 ? "them" : "it") + " before // BEGIN SOLUTION and assign inside");
                }
            }
            releaseCell(cell, where);
        }
        return nb;
    }

    /** Releases one cell in place. */
    static void releaseCell(JsonObject cell, String where) throws GradeException {
        boolean code = NotebookFile.isCode(cell);
        String text = NotebookFile.source(cell);
        Cleared cleared = clearSolutions(text, code, where);
        boolean solution = Nbgrader.isSolution(cell);
        if (cleared.replaced() && !solution) {
            throw new GradeException(where + ": a solution region in a cell that is not a solution cell; mark it "
                    + "\"solution\": true in its nbgrader metadata (nbgrader refuses this too)");
        }
        text = cleared.source();
        if (solution && !cleared.replaced()) {
            text = code ? Nbgrader.CODE_STUB : TEXT_STUB;
        }
        if (text.contains(Nbgrader.BEGIN_HIDDEN) || text.contains(Nbgrader.END_HIDDEN)) {
            if (!Nbgrader.isGrade(cell)) {
                throw new GradeException(where + ": hidden tests in a cell that is not a grade cell; only autograder "
                        + "test cells may hold BEGIN/END HIDDEN TESTS");
            }
            text = removeHiddenTests(text, where);
        }
        Nbgrader.setSource(cell, text);
        Nbgrader.clearOutputs(cell);
        JsonObject meta = Nbgrader.meta(cell);
        if (meta != null && (Nbgrader.isGrade(cell) || solution || Nbgrader.isLocked(cell))) {
            meta.addProperty("cell_type", cell.get("cell_type").getAsString());
            meta.addProperty("checksum", Nbgrader.checksum(cell));
            JsonObject cm = Nbgrader.metadata(cell);
            if (solution) {
                cm.addProperty("deletable", false);
            } else {
                cm.addProperty("deletable", false);
                cm.addProperty("editable", false);
            }
        }
    }
}
