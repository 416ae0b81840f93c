package dlkit.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code type name = value;} line of a notebook's {@code parameters} cell.
 *
 * @param type  the declared Java type as written ({@code int}, {@code String}, {@code double[]}, {@code var} ...)
 * @param name  the variable name
 * @param value the initializer as written, without the semicolon
 */
public record ParameterDeclaration(String type, String name, String value) {

    // [final] Type name = value;  // optional comment
    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*(?:final\\s+)?([A-Za-z_$][\\w$.]*(?:\\s*<[^=;]*>)?(?:\\s*\\[\\s*\\])*)\\s+([A-Za-z_$][\\w$]*)"
                    + "\\s*=\\s*(.+?)\\s*;\\s*(?://.*)?$");

    /** Every declaration in a parameters cell, in order; lines that are not declarations are skipped. */
    public static List<ParameterDeclaration> parseAll(String cellSource) {
        List<ParameterDeclaration> found = new ArrayList<>();
        for (String line : cellSource.split("\\R")) {
            ParameterDeclaration d = parse(line);
            if (d != null) {
                found.add(d);
            }
        }
        return found;
    }

    /** The declaration on {@code line}, or null when the line is not one. */
    public static ParameterDeclaration parse(String line) {
        Matcher m = DECLARATION.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String type = m.group(1).replaceAll("\\s+", "");
        if (type.equals("return") || type.equals("throw") || type.equals("new")) {
            return null;
        }
        return new ParameterDeclaration(type, m.group(2), m.group(3));
    }

    /** The declaration again, with a new initializer. */
    public String redeclare(String literal) {
        return type + " " + name + " = " + literal + ";";
    }
}
