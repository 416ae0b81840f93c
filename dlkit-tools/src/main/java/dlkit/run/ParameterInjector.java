package dlkit.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Papermill-style parameters for Java notebooks: the cell tagged {@code parameters} declares
 * {@code type name = value;} lines; {@code -p name=value} overrides go into a new code cell tagged
 * {@code injected-parameters} right after it, which redeclares each name with its declared type.
 */
public final class ParameterInjector {
    public static final String PARAMETERS_TAG = "parameters";
    public static final String INJECTED_TAG = "injected-parameters";

    private ParameterInjector() {}

    /** Parses {@code name=value} arguments, keeping order; a later value for the same name wins. */
    public static Map<String, String> parseAssignments(List<String> assignments) throws NotebookException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            String name = eq < 0 ? "" : a.substring(0, eq).trim();
            if (eq < 0 || !name.matches("[A-Za-z_$][\\w$]*")) {
                throw new NotebookException("-p " + a + ": expected -p name=value, e.g. -p epochs=2");
            }
            values.put(name, a.substring(eq + 1));
        }
        return values;
    }

    /**
     * Inserts the injected-parameters cell (replacing one left by an earlier run). Does nothing when
     * {@code values} is empty.
     *
     * @return the injected cell's source, or null when nothing was injected
     */
    public static String inject(NotebookFile nb, Map<String, String> values) throws NotebookException {
        if (values.isEmpty()) {
            return null;
        }
        List<Integer> tagged = nb.cellsTagged(PARAMETERS_TAG);
        if (tagged.isEmpty()) {
            throw new NotebookException(nb.path() + ": no cell is tagged \"parameters\", so -p "
                    + values.keySet().iterator().next() + " has nothing to override; tag the settings cell "
                    + "(View > Cell Toolbar > Tags) or drop the -p options");
        }
        if (tagged.size() > 1) {
            throw new NotebookException(nb.path() + ": " + tagged.size() + " cells are tagged \"parameters\" (cells "
                    + oneBased(tagged) + "); keep the tag on one cell");
        }
        int at = tagged.get(0);
        JsonObject parameters = nb.cells().get(at).getAsJsonObject();
        Map<String, ParameterDeclaration> declared = new LinkedHashMap<>();
        for (ParameterDeclaration d : ParameterDeclaration.parseAll(NotebookFile.source(parameters))) {
            declared.put(d.name(), d);
        }
        StringBuilder source = new StringBuilder("// Injected by ./dlkit run -p\n");
        for (Map.Entry<String, String> e : values.entrySet()) {
            ParameterDeclaration d = declared.get(e.getKey());
            if (d == null) {
                throw new NotebookException(nb.path() + ": unknown parameter \"" + e.getKey() + "\"; the parameters "
                        + "cell declares: " + (declared.isEmpty() ? "nothing" : String.join(", ", declared.keySet())));
            }
            source.append(d.redeclare(literal(d, e.getValue()))).append('\n');
        }
        String text = source.toString();

        JsonArray cells = nb.cells();
        int next = at + 1;
        if (next < cells.size()
                && NotebookFile.tags(cells.get(next).getAsJsonObject()).contains(INJECTED_TAG)) {
            cells.remove(next);
        }
        JsonArray newCells = new JsonArray();
        for (int i = 0; i < cells.size(); i++) {
            newCells.add(cells.get(i));
            if (i == at) {
                newCells.add(codeCell(
                        text,
                        nb.json().has("nbformat_minor")
                                && nb.json().get("nbformat_minor").getAsInt() >= 5));
            }
        }
        nb.json().add("cells", newCells);
        return text;
    }

    /** The Java literal for {@code raw} given the declared type; checks numbers and booleans. */
    public static String literal(ParameterDeclaration d, String raw) throws NotebookException {
        String type = d.type();
        if (type.equals("var")) {
            type = inferType(d.value());
        }
        String v = raw.trim();
        if (type.endsWith("[]") && !type.endsWith("[][]") && !v.startsWith("new ") && !v.startsWith("{")) {
            return arrayLiteral(d, type.substring(0, type.length() - 2).trim(), raw);
        }
        try {
            switch (type) {
                case "String", "java.lang.String", "CharSequence":
                    return quote(raw);
                case "char", "Character":
                    if (raw.length() != 1) {
                        throw bad(d, raw, "one character");
                    }
                    return "'" + escape(raw, '\'') + "'";
                case "boolean", "Boolean":
                    if (!v.equals("true") && !v.equals("false")) {
                        throw bad(d, raw, "true or false");
                    }
                    return v;
                case "int", "Integer", "short", "Short", "byte", "Byte":
                    new BigInteger(stripUnderscores(v)).intValueExact();
                    return v;
                case "long", "Long":
                    new BigInteger(stripUnderscores(stripSuffix(v, "lL"))).longValueExact();
                    return stripSuffix(v, "lL") + "L";
                case "double", "Double":
                    new BigDecimal(stripUnderscores(stripSuffix(v, "dD")));
                    return v;
                case "float", "Float":
                    new BigDecimal(stripUnderscores(stripSuffix(v, "fF")));
                    return stripSuffix(v, "fF") + "f";
                default:
                    // Any other type (enum constant, array, expression): the value is Java source, used as written.
                    return raw;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(d, raw, "a number that fits " + type);
        }
    }

    /**
     * {@code -p sizes=4,16,64} for {@code int[] sizes}: {@code new int[] {4, 16, 64}}, each element checked as its
     * own parameter would be; an empty value is an empty array. Elements of String arrays may not contain commas.
     */
    private static String arrayLiteral(ParameterDeclaration d, String element, String raw) throws NotebookException {
        List<String> items = new ArrayList<>();
        if (!raw.isBlank()) {
            for (String part : raw.split(",", -1)) {
                String item = element.equals("String") || element.equals("java.lang.String") ? part : part.trim();
                ParameterDeclaration one = new ParameterDeclaration(element, d.name(), "");
                try {
                    items.add(literal(one, item));
                } catch (NotebookException e) {
                    throw new NotebookException("-p " + d.name() + "=" + raw + ": " + d.name() + " is declared as "
                            + d.type() + ", so the value must be comma-separated " + element + " values ('" + item
                            + "' is not one)");
                }
            }
        }
        return "new " + element + "[] {" + String.join(", ", items) + "}";
    }

    private static String inferType(String initializer) {
        String v = initializer.trim();
        if (v.startsWith("\"")) {
            return "String";
        }
        if (v.startsWith("'")) {
            return "char";
        }
        if (v.equals("true") || v.equals("false")) {
            return "boolean";
        }
        if (v.matches("[-+]?[\\d_]+")) {
            return "int";
        }
        if (v.matches("[-+]?[\\d_]+[lL]")) {
            return "long";
        }
        if (v.matches("[-+]?[\\d_]*\\.?[\\d_]*(?:[eE][-+]?\\d+)?[fF]")) {
            return "float";
        }
        if (v.matches("[-+]?[\\d_]*\\.?[\\d_]*(?:[eE][-+]?\\d+)?[dD]?")) {
            return "double";
        }
        return "";
    }

    private static NotebookException bad(ParameterDeclaration d, String raw, String expected) {
        return new NotebookException("-p " + d.name() + "=" + raw + ": " + d.name() + " is declared as " + d.type()
                + ", so the value must be " + expected);
    }

    static String quote(String s) {
        return "\"" + escape(s, '"') + "\"";
    }

    private static String escape(String s, char quote) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\');
                    }
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String stripSuffix(String v, String suffixes) {
        return !v.isEmpty() && suffixes.indexOf(v.charAt(v.length() - 1)) >= 0 ? v.substring(0, v.length() - 1) : v;
    }

    private static String stripUnderscores(String v) {
        return v.replace("_", "");
    }

    private static JsonObject codeCell(String source, boolean withId) {
        JsonObject cell = new JsonObject();
        if (withId) {
            cell.addProperty("id", INJECTED_TAG); // nbformat 4.5 wants cell ids; this one is unique
        }
        cell.addProperty("cell_type", "code");
        cell.add("execution_count", null);
        JsonObject metadata = new JsonObject();
        JsonArray tags = new JsonArray();
        tags.add(INJECTED_TAG);
        metadata.add("tags", tags);
        cell.add("metadata", metadata);
        cell.add("outputs", new JsonArray());
        cell.add("source", NotebookFile.lines(source));
        return cell;
    }

    private static String oneBased(List<Integer> indexes) {
        StringJoiner j = new StringJoiner(", ");
        for (int i : indexes) {
            j.add(String.valueOf(i + 1));
        }
        return j.toString();
    }

    /** The names declared by the notebook's parameters cell (empty when there is none). */
    public static List<String> declaredNames(NotebookFile nb) {
        List<String> names = new ArrayList<>();
        for (int i : nb.cellsTagged(PARAMETERS_TAG)) {
            for (ParameterDeclaration d : ParameterDeclaration.parseAll(
                    NotebookFile.source(nb.cells().get(i).getAsJsonObject()))) {
                names.add(d.name());
            }
        }
        return names;
    }
}
