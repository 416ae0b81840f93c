package dlkit.tools.grade;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A small Java lexer that tells where a line of a JShell cell sits syntactically, so a solution region can
 * be replaced by a stub that compiles there: a statement (method body or JShell top level), an expression
 * (e.g. after {@code =} of an initialiser, inside parentheses or an array initialiser), or a class body.
 */
final class JavaContext {
    enum Kind {
        /** JShell top level: each statement is its own snippet, so a throw never makes later code unreachable. */
        TOP_STATEMENT,
        /** Inside a method/lambda/initialiser block. */
        BLOCK_STATEMENT,
        EXPRESSION,
        /** Members of a class (an instance initialiser may stand here). */
        CLASS_BODY,
        /** Members of an interface, record or enum. */
        TYPE_BODY
    }

    private enum Brace {
        BLOCK,
        ARRAY,
        CLASS,
        TYPE
    }

    private static final Set<String> STATEMENT_HEADS = Set.of("if", "for", "while", "else", "do", "try", "finally");

    private JavaContext() {}

    /** Significant tokens of {@code code}: words, numbers, punctuation; strings/chars as one token, comments dropped. */
    static List<String> tokens(String code) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (code.startsWith("//", i)) {
                int nl = code.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.add("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && code.charAt(j) != c && code.charAt(j) != '\n') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 1);
                out.add(c == '"' ? "\"\"" : "''");
            } else if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
                int j = i + 1;
                while (j < n
                        && (Character.isJavaIdentifierPart(code.charAt(j))
                                || (Character.isDigit(c) && code.charAt(j) == '.'))) {
                    j++;
                }
                out.add(code.substring(i, j));
                i = j;
            } else if (code.startsWith("->", i) || code.startsWith("::", i)) {
                out.add(code.substring(i, i + 2));
                i += 2;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    /** The context at the end of {@code before} (the code preceding a line). */
    static Kind at(String before) {
        Deque<Brace> braces = new ArrayDeque<>();
        Deque<Integer> savedParens = new ArrayDeque<>();
        List<String> header = new ArrayList<>();
        int parens = 0;
        for (String t : tokens(before)) {
            switch (t) {
                case "(" -> {
                    parens++;
                    header.add(t);
                }
                case ")" -> {
                    parens = Math.max(0, parens - 1);
                    header.add(t);
                }
                case "{" -> {
                    braces.push(kindOf(header, braces.peek()));
                    savedParens.push(parens);
                    parens = 0;
                    header.clear();
                }
                case "}" -> {
                    if (!braces.isEmpty()) {
                        braces.pop();
                        parens = savedParens.pop();
                    }
                    header.clear();
                }
                case ";" -> {
                    if (parens == 0) {
                        header.clear();
                    } else {
                        header.add(t); // for (;;)
                    }
                }
                case "," -> {
                    if (braces.peek() == Brace.ARRAY && parens == 0) {
                        header.clear();
                    } else {
                        header.add(t);
                    }
                }
                default -> header.add(t);
            }
        }
        Brace top = braces.peek();
        if (parens > 0 || top == Brace.ARRAY) {
            return Kind.EXPRESSION;
        }
        if (top == Brace.CLASS) {
            return header.isEmpty() ? Kind.CLASS_BODY : Kind.EXPRESSION;
        }
        if (top == Brace.TYPE) {
            return header.isEmpty() ? Kind.TYPE_BODY : Kind.EXPRESSION;
        }
        if (!header.isEmpty() && !statementHead(header)) {
            return Kind.EXPRESSION;
        }
        return top == null ? Kind.TOP_STATEMENT : Kind.BLOCK_STATEMENT;
    }

    /** {@code if (…)}, {@code else}, {@code for (…)}, a label …: a statement may follow. */
    private static boolean statementHead(List<String> header) {
        String first = header.get(0);
        String last = header.get(header.size() - 1);
        if (header.size() == 2 && last.equals(":")) {
            return true; // label, or case X:
        }
        if (first.equals("case") || first.equals("default")) {
            return last.equals(":") || last.equals("->");
        }
        if (!STATEMENT_HEADS.contains(first)) {
            return false;
        }
        return last.equals(")") || last.equals("else") || last.equals("do");
    }

    private static Brace kindOf(List<String> header, Brace enclosing) {
        String prev = header.isEmpty() ? "" : header.get(header.size() - 1);
        if (prev.equals("->")) {
            return Brace.BLOCK;
        }
        if ((enclosing == Brace.ARRAY && (header.isEmpty() || prev.equals(",")))
                || prev.equals("=")
                || prev.equals("]")) {
            return Brace.ARRAY;
        }
        int typeKeyword = -1;
        for (int i = 0; i < header.size(); i++) {
            String t = header.get(i);
            if (t.equals("class") || t.equals("interface") || t.equals("enum") || t.equals("record")) {
                typeKeyword = i;
                break;
            }
        }
        if (typeKeyword >= 0) {
            return header.get(typeKeyword).equals("class") ? Brace.CLASS : Brace.TYPE;
        }
        if (prev.equals(")")) {
            // new Foo<Bar>(args) { ... } is an anonymous class body.
            int depth = 0;
            int open = -1;
            for (int i = header.size() - 1; i >= 0; i--) {
                String t = header.get(i);
                if (t.equals(")")) {
                    depth++;
                } else if (t.equals("(")) {
                    depth--;
                    if (depth == 0) {
                        open = i;
                        break;
                    }
                }
            }
            for (int i = open - 1; i >= 0; i--) {
                String t = header.get(i);
                if (t.equals("new")) {
                    return Brace.CLASS;
                }
                if (!(t.equals(".")
                        || t.equals("<")
                        || t.equals(">")
                        || t.equals(",")
                        || t.equals("?")
                        || Character.isJavaIdentifierStart(t.charAt(0)))) {
                    break;
                }
                if (i < open - 1
                        && Character.isJavaIdentifierStart(t.charAt(0))
                        && Character.isJavaIdentifierStart(header.get(i + 1).charAt(0))) {
                    break; // two words in a row: "Foo bar(" is a declaration, not new Foo(
                }
            }
        }
        return Brace.BLOCK;
    }

    /** Whether {@code after} (the code following a region, up to the cell's end) continues the same block. */
    static boolean moreStatementsInBlock(String after) {
        List<String> t = tokens(after);
        if (t.isEmpty()) {
            return false;
        }
        String first = t.get(0);
        return !(first.equals("}") || first.equals("case") || first.equals("default"));
    }

    /** The last significant token of {@code code}, or "". */
    static String lastToken(String code) {
        List<String> t = tokens(code);
        return t.isEmpty() ? "" : t.get(t.size() - 1);
    }
}
