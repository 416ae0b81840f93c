package dlkit.tools.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dlkit.run.NotebookFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * nbgrader's cell rules (nbgrader/utils.py): {@code is_grade}, {@code is_solution}, {@code is_locked},
 * {@code compute_checksum}, on cells held as Gson trees.
 */
public final class Nbgrader {
    public static final String BEGIN_SOLUTION = "BEGIN SOLUTION";
    public static final String END_SOLUTION = "END SOLUTION";
    public static final String BEGIN_HIDDEN = "BEGIN HIDDEN TESTS";
    public static final String END_HIDDEN = "END HIDDEN TESTS";
    /** The Java code stub, the same string the shipped nbgrader_config.py gives nbgrader. */
    public static final String CODE_STUB =
            "// YOUR CODE HERE\nthrow new UnsupportedOperationException(\"your code here\");";

    private Nbgrader() {}

    /** {@code cell.metadata.nbgrader}, or null. */
    public static JsonObject meta(JsonObject cell) {
        JsonElement m = cell.get("metadata");
        if (m == null || !m.isJsonObject()) {
            return null;
        }
        JsonElement n = m.getAsJsonObject().get("nbgrader");
        return n != null && n.isJsonObject() ? n.getAsJsonObject() : null;
    }

    private static boolean flag(JsonObject cell, String key) {
        JsonObject n = meta(cell);
        if (n == null) {
            return false;
        }
        JsonElement v = n.get(key);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && v.getAsBoolean();
    }

    public static boolean isGrade(JsonObject cell) {
        return flag(cell, "grade");
    }

    public static boolean isSolution(JsonObject cell) {
        return flag(cell, "solution");
    }

    /** nbgrader's is_locked: solution cells never are, grade cells always are, others when {@code locked}. */
    public static boolean isLocked(JsonObject cell) {
        if (meta(cell) == null || isSolution(cell)) {
            return false;
        }
        return isGrade(cell) || flag(cell, "locked");
    }

    /** An autograder test cell: graded, not an answer. */
    public static boolean isTest(JsonObject cell) {
        return isGrade(cell) && !isSolution(cell);
    }

    /** A manually graded answer. */
    public static boolean isManual(JsonObject cell) {
        return isGrade(cell) && isSolution(cell);
    }

    public static String gradeId(JsonObject cell) {
        JsonObject n = meta(cell);
        if (n == null) {
            return null;
        }
        JsonElement v = n.get("grade_id");
        return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
    }

    public static double points(JsonObject cell) {
        JsonObject n = meta(cell);
        JsonElement v = n == null ? null : n.get("points");
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            return 0;
        }
        return v.getAsDouble();
    }

    /** nbgrader's compute_checksum: md5 of source, cell_type, the three flags, grade_id and (grade cells) points. */
    public static String checksum(JsonObject cell) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(NotebookFile.source(cell).getBytes(StandardCharsets.UTF_8));
            md5.update(String.valueOf(cell.get("cell_type").getAsString()).getBytes(StandardCharsets.UTF_8));
            md5.update(py(isGrade(cell)).getBytes(StandardCharsets.UTF_8));
            md5.update(py(isSolution(cell)).getBytes(StandardCharsets.UTF_8));
            md5.update(py(isLocked(cell)).getBytes(StandardCharsets.UTF_8));
            String id = gradeId(cell);
            md5.update((id == null ? "" : id).getBytes(StandardCharsets.UTF_8));
            if (isGrade(cell)) {
                md5.update(pythonFloat(points(cell)).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }

    /** Python's str(float(x)) for the values points take (2 -> "2.0", 0.5 -> "0.5"). */
    static String pythonFloat(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e16) {
            return (long) x + ".0";
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    /** Sets a cell's source in nbformat's list-of-lines form. */
    public static void setSource(JsonObject cell, String text) {
        cell.add("source", NotebookFile.lines(text));
    }

    public static JsonObject metadata(JsonObject cell) {
        JsonElement m = cell.get("metadata");
        if (m == null || !m.isJsonObject()) {
            JsonObject fresh = new JsonObject();
            cell.add("metadata", fresh);
            return fresh;
        }
        return m.getAsJsonObject();
    }

    /** Empties a code cell's outputs and execution count. */
    public static void clearOutputs(JsonObject cell) {
        if (NotebookFile.isCode(cell)) {
            cell.add("outputs", new JsonArray());
            cell.add("execution_count", com.google.gson.JsonNull.INSTANCE);
        }
    }

    static JsonPrimitive bool(boolean b) {
        return new JsonPrimitive(b);
    }
}
