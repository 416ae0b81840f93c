package dlkit.tools.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dlkit.grade.Checks;
import dlkit.run.NotebookFile;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prepares a submission for grading the way nbgrader's autograde sanitises it (ClearOutput, DeduplicateIds,
 * OverwriteKernelspec, OverwriteCells with add_missing_cells), using the instructor source directly:
 * <ul>
 *   <li>every locked and test cell (found by grade_id) gets the source's text back, hidden tests included, and
 *       the source's cell type and nbgrader metadata; answer cells keep the student's text under the source's
 *       metadata;</li>
 *   <li>deleted locked/test cells are put back after the preceding nbgrader cell; deleted answer cells make the
 *       submission unusable (refused with one line);</li>
 *   <li>a second cell with the same grade_id, or a grade_id the source does not have, loses its nbgrader
 *       metadata;</li>
 *   <li>in restored test cells, unqualified calls of the {@link Checks} helpers become
 *       {@code dlkit.grade.Checks.name(…)}, so a submission that declares its own {@code check} is not called
 *       by the graded cells.</li>
 * </ul>
 * What it did and anything suspicious (edited tests, names the tests use redeclared, file/process APIs) is
 * reported as flags; flags never change a score.
 */
public final class Restore {
    /** The notebook to execute and what restoring found. */
    public record Restored(JsonObject notebook, List<String> flags) {}

    static final Set<String> CHECK_NAMES = checkNames();
    private static final Set<String> SENSITIVE = Set.of(
            "File",
            "Files",
            "Path",
            "Paths",
            "FileWriter",
            "FileReader",
            "FileOutputStream",
            "FileInputStream",
            "RandomAccessFile",
            "ProcessBuilder",
            "Runtime",
            "setOut",
            "setErr",
            "setIn",
            "setAccessible",
            "getDeclaredField",
            "getDeclaredMethod",
            "halt",
            "exec",
            "Unsafe",
            "setSecurityManager",
            "setDefaultUncaughtExceptionHandler");

    private Restore() {}

    private static Set<String> checkNames() {
        Set<String> names = new TreeSet<>();
        for (Method m : Checks.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                names.add(m.getName());
            }
        }
        return names;
    }

    /**
     * @param source   the instructor notebook (validated, with grade cells)
     * @param released its student version ({@link Release#release}), for checksums and "was it edited"
     */
    public static Restored restore(NotebookFile source, JsonObject released, NotebookFile submission)
            throws GradeException {
        Map<String, JsonObject> sourceCells = new LinkedHashMap<>();
        Map<String, JsonObject> releasedCells = new HashMap<>();
        for (JsonElement e : source.cells()) {
            JsonObject c = e.getAsJsonObject();
            if (Nbgrader.gradeId(c) != null && Nbgrader.meta(c) != null) {
                sourceCells.put(Nbgrader.gradeId(c), c);
            }
        }
        for (JsonElement e : released.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            if (Nbgrader.gradeId(c) != null) {
                releasedCells.put(Nbgrader.gradeId(c), c);
            }
        }

        JsonObject nb = submission.json().deepCopy();
        List<String> flags = new ArrayList<>();
        // OverwriteKernelspec: the source's kernel and language info.
        JsonObject meta = Nbgrader.metadata(nb);
        JsonObject srcMeta = source.json().getAsJsonObject("metadata");
        for (String key : List.of("kernelspec", "language_info")) {
            if (srcMeta != null && srcMeta.has(key)) {
                meta.add(key, srcMeta.get(key).deepCopy());
            }
        }

        JsonArray in = nb.getAsJsonArray("cells");
        List<JsonObject> cells = new ArrayList<>();
        Map<String, JsonObject> present = new HashMap<>();
        Set<String> edited = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        List<JsonObject> studentCells = new ArrayList<>();
        for (JsonElement e : in) {
            JsonObject cell = e.getAsJsonObject();
            Nbgrader.clearOutputs(cell);
            String id = Nbgrader.meta(cell) == null ? null : Nbgrader.gradeId(cell);
            if (id != null && (!sourceCells.containsKey(id) || present.containsKey(id))) {
                (sourceCells.containsKey(id) ? duplicates : unknown).add(id);
                Nbgrader.metadata(cell).remove("nbgrader");
                id = null;
            }
            if (id == null) {
                cells.add(cell);
                studentCells.add(cell);
                continue;
            }
            JsonObject src = sourceCells.get(id);
            JsonObject rel = releasedCells.get(id);
            JsonObject restored;
            if (Nbgrader.isLocked(src)) {
                String text = NotebookFile.source(cell);
                if (rel != null
                        && !NotebookFile.source(rel).equals(text)
                        && !NotebookFile.source(src).equals(text)) {
                    edited.add(id);
                }
                restored = fromSource(src, rel, cell);
            } else {
                restored = cell;
                setType(restored, src.get("cell_type").getAsString());
                JsonObject m = Nbgrader.meta(src).deepCopy();
                if (rel != null && Nbgrader.meta(rel).has("checksum")) {
                    m.add("checksum", Nbgrader.meta(rel).get("checksum"));
                }
                Nbgrader.metadata(restored).add("nbgrader", m);
                studentCells.add(restored);
            }
            present.put(id, restored);
            cells.add(restored);
        }

        if (present.isEmpty()) {
            throw new GradeException(submission.path() + ": none of the " + sourceCells.size() + " nbgrader cells of "
                    + source.path() + " is in it (e.g. '"
                    + sourceCells.keySet().iterator().next() + "'); it is not a "
                    + "submission of this assignment, or an editor stripped its cell metadata");
        }
        List<String> missingAnswers = new ArrayList<>();
        List<String> restoredDeleted = new ArrayList<>();
        JsonObject previous = null;
        for (Map.Entry<String, JsonObject> entry : sourceCells.entrySet()) {
            JsonObject have = present.get(entry.getKey());
            if (have != null) {
                previous = have;
                continue;
            }
            JsonObject src = entry.getValue();
            if (!Nbgrader.isLocked(src)) {
                missingAnswers.add(entry.getKey());
                continue;
            }
            JsonObject put = fromSource(src, releasedCells.get(entry.getKey()), null);
            int at = previous == null ? 0 : indexOf(cells, previous) + 1;
            cells.add(at, put);
            present.put(entry.getKey(), put);
            previous = put;
            restoredDeleted.add(entry.getKey());
        }
        if (!missingAnswers.isEmpty()) {
            throw new GradeException(submission.path() + ": missing answer cell"
                    + (missingAnswers.size() > 1 ? "s " : " ")
                    + String.join(", ", missingAnswers) + " of " + source.path() + " (deleted, or an editor stripped "
                    + "the cell metadata); grade it by hand or ask for a resubmission");
        }

        uniqueIds(cells);
        JsonArray out = new JsonArray();
        cells.forEach(out::add);
        nb.add("cells", out);

        if (!edited.isEmpty()) {
            flags.add("edited locked/test cells (restored): " + String.join(", ", edited));
        }
        if (!restoredDeleted.isEmpty()) {
            flags.add("deleted locked/test cells (restored): " + String.join(", ", restoredDeleted));
        }
        if (!duplicates.isEmpty()) {
            flags.add("copies of nbgrader cells (their metadata removed): " + String.join(", ", duplicates));
        }
        if (!unknown.isEmpty()) {
            flags.add("grade_ids the source does not have (metadata removed): " + String.join(", ", unknown));
        }
        Set<String> shadowed = shadowedNames(source, cells, studentCells);
        if (!shadowed.isEmpty()) {
            flags.add("redeclares names the graded cells use: " + String.join(", ", shadowed)
                    + " (review; graded cells call dlkit.grade.Checks by its full name)");
        }
        Set<String> sensitive = sensitiveUse(source, studentCells);
        if (!sensitive.isEmpty()) {
            flags.add("uses file/process/reflection APIs the assignment does not: " + String.join(", ", sensitive)
                    + " (review)");
        }
        return new Restored(nb, flags);
    }

    /** The source cell (hidden tests included, checks qualified), with the released checksum and no outputs. */
    private static JsonObject fromSource(JsonObject src, JsonObject rel, JsonObject studentCell) {
        JsonObject c = src.deepCopy();
        Nbgrader.clearOutputs(c);
        if (studentCell != null && studentCell.has("id")) {
            c.add("id", studentCell.get("id"));
        }
        if (Nbgrader.isTest(c) && NotebookFile.isCode(c)) {
            Nbgrader.setSource(c, qualifyChecks(NotebookFile.source(c)));
        }
        if (rel != null && Nbgrader.meta(rel).has("checksum")) {
            Nbgrader.meta(c).add("checksum", Nbgrader.meta(rel).get("checksum"));
        }
        JsonObject cm = Nbgrader.metadata(c);
        cm.addProperty("deletable", false);
        cm.addProperty("editable", false);
        return c;
    }

    private static void setType(JsonObject cell, String type) {
        if (type.equals(cell.get("cell_type").getAsString())) {
            return;
        }
        cell.addProperty("cell_type", type);
        if (type.equals("code")) {
            Nbgrader.clearOutputs(cell);
        } else {
            cell.remove("outputs");
            cell.remove("execution_count");
        }
    }

    private static int indexOf(List<JsonObject> cells, JsonObject cell) {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i) == cell) {
                return i;
            }
        }
        return cells.size() - 1;
    }

    private static void uniqueIds(List<JsonObject> cells) {
        Set<String> seen = new HashSet<>();
        for (JsonObject c : cells) {
            if (!c.has("id") || !c.get("id").isJsonPrimitive()) {
                continue;
            }
            String id = c.get("id").getAsString();
            String unique = id;
            for (int n = 2; !seen.add(unique); n++) {
                unique = (id.length() > 56 ? id.substring(0, 56) : id) + "-dup" + n;
            }
            c.addProperty("id", unique);
        }
    }

    /**
     * Rewrites unqualified calls {@code check(…)}, {@code checkClose(…)}, … (names of {@link Checks}' public
     * methods) to {@code dlkit.grade.Checks.check(…)}. Strings, comments, qualified calls ({@code x.check(})
     * and declarations ({@code void check(}) are left alone.
     */
    static String qualifyChecks(String code) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = code.length();
        String prevWord = "";
        char prevSig = 0;
        while (i < n) {
            char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                int nl = code.indexOf('\n', i);
                int end = nl < 0 ? n : nl;
                out.append(code, i, end);
                i = end;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(code, i, end);
                i = end;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(code, i, end);
                i = end;
                prevSig = '"';
                prevWord = "";
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && code.charAt(j) != c && code.charAt(j) != '\n') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + 1);
                out.append(code, i, j);
                i = j;
                prevSig = c;
                prevWord = "";
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(code.charAt(j))) {
                    j++;
                }
                String word = code.substring(i, j);
                int k = j;
                while (k < n && Character.isWhitespace(code.charAt(k))) {
                    k++;
                }
                boolean call = k < n && code.charAt(k) == '(';
                boolean qualified = prevSig == '.' || prevSig == ':';
                boolean declaration = !prevWord.isEmpty()
                                && !Set.of("return", "else", "do", "throw", "case", "yield")
                                        .contains(prevWord)
                        || prevSig == '>'
                        || prevSig == ']';
                if (call && !qualified && !declaration && CHECK_NAMES.contains(word)) {
                    out.append("dlkit.grade.Checks.");
                }
                out.append(word);
                i = j;
                prevWord = word;
                prevSig = 'a';
            } else {
                out.append(c);
                if (!Character.isWhitespace(c)) {
                    prevSig = c;
                    prevWord = "";
                }
                i++;
            }
        }
        return out.toString();
    }

    /** Names declared at the top of student cells that graded cells use and the source declares nowhere a student may edit. */
    static Set<String> shadowedNames(NotebookFile source, List<JsonObject> cells, List<JsonObject> studentCells) {
        Set<String> used = new HashSet<>(CHECK_NAMES);
        for (JsonObject c : cells) {
            if (Nbgrader.isTest(c) && NotebookFile.isCode(c)) {
                for (String t : JavaContext.tokens(NotebookFile.source(c))) {
                    if (Character.isJavaIdentifierStart(t.charAt(0))) {
                        used.add(t);
                    }
                }
            }
        }
        Set<String> expected = new HashSet<>();
        for (JsonElement e : source.cells()) {
            JsonObject c = e.getAsJsonObject();
            if (NotebookFile.isCode(c) && !Nbgrader.isLocked(c)) {
                expected.addAll(declared(NotebookFile.source(c)));
            }
        }
        Set<String> found = new TreeSet<>();
        for (JsonObject c : studentCells) {
            if (NotebookFile.isCode(c)) {
                for (String name : declared(NotebookFile.source(c))) {
                    if (used.contains(name) && !expected.contains(name)) {
                        found.add(name);
                    }
                }
            }
        }
        return found;
    }

    /** Top-level (brace depth 0) names a JShell cell declares: types, methods and variables. */
    static Set<String> declared(String code) {
        List<String> t = JavaContext.tokens(code);
        Set<String> names = new LinkedHashSet<>();
        int depth = 0;
        int parens = 0;
        for (int i = 0; i < t.size(); i++) {
            String s = t.get(i);
            switch (s) {
                case "{" -> depth++;
                case "}" -> depth = Math.max(0, depth - 1);
                case "(" -> parens++;
                case ")" -> parens = Math.max(0, parens - 1);
                default -> {}
            }
            if (i + 1 >= t.size()) {
                continue;
            }
            String next = t.get(i + 1);
            if (Set.of("class", "interface", "enum", "record").contains(s) && isWord(next)) {
                names.add(next);
            } else if (depth == 0
                    && parens == 0
                    && isWord(next)
                    && i + 2 < t.size()
                    && (isWord(s) || s.equals(">") || s.equals("]"))
                    && !Set.of("return", "new", "throw", "else", "case", "package", "import", "instanceof", "yield")
                            .contains(s)) {
                String after = t.get(i + 2);
                if (after.equals("(") || after.equals("=") || after.equals(";")) {
                    names.add(next);
                }
            }
        }
        return names;
    }

    private static boolean isWord(String s) {
        return !s.isEmpty()
                && Character.isJavaIdentifierStart(s.charAt(0))
                && !Set.of("new", "return", "true", "false", "null", "this", "super")
                        .contains(s);
    }

    static Set<String> sensitiveUse(NotebookFile source, List<JsonObject> studentCells) {
        Set<String> inSource = new HashSet<>();
        for (JsonElement e : source.cells()) {
            JsonObject c = e.getAsJsonObject();
            if (NotebookFile.isCode(c)) {
                inSource.addAll(JavaContext.tokens(NotebookFile.source(c)));
            }
        }
        Set<String> found = new TreeSet<>();
        for (JsonObject c : studentCells) {
            if (NotebookFile.isCode(c)) {
                for (String tok : JavaContext.tokens(NotebookFile.source(c))) {
                    if (SENSITIVE.contains(tok) && !inSource.contains(tok)) {
                        found.add(tok);
                    }
                }
            }
        }
        return found;
    }
}
