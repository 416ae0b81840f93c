package dlkit.kernel.exec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * The Java side of a cell: splits it into JShell snippets, evaluates them in order (in the kernel's JVM, or in an
 * execution {@link Agent}'s when grading) and returns the value of the last one when it is an expression. Also answers completion,
 * documentation and is-complete questions from the same JShell state.
 */
public final class JavaRepl {

    /** Returned by {@link #eval} when the cell ends in a statement or declaration. */
    public static final Object NO_VALUE = new Object();

    private final ExecutionThread thread = new ExecutionThread();
    /** Null when notebook code runs in the kernel's JVM. */
    private final Agent agent;

    private final InProcessControl inProcess;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final Set<String> classPath = new LinkedHashSet<>();
    private final SnippetLocations locations = new SnippetLocations();
    private final List<Snippet> declared = new ArrayList<>();

    public JavaRepl(List<String> compilerOptions) {
        this(compilerOptions, Agent.wanted());
    }

    /** {@code inAgent}: notebook code runs in a JVM of its own (see {@link Agent}). */
    public JavaRepl(List<String> compilerOptions, boolean inAgent) {
        this.agent = inAgent ? new Agent() : null;
        this.inProcess = inAgent ? null : new InProcessControl(thread);
        PrintStream toCurrentOut = CurrentStreams.out();
        this.shell = JShell.builder()
                .executionEngine(
                        inAgent ? agent.provider() : new InProcessControlProvider(inProcess), java.util.Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .out(toCurrentOut)
                .err(toCurrentOut)
                .build();
        this.analysis = shell.sourceCodeAnalysis();
        // The compiler must see the kernel's class path (DL4J, XChart, dlkit...); the class loader
        // already does, so InProcessControl ignores these entries on its side.
        shell.addToClasspath(System.getProperty("java.class.path"));
    }

    public ExecutionThread thread() {
        return thread;
    }

    /** Whether notebook code runs in an execution agent's JVM rather than the kernel's. */
    public boolean inAgent() {
        return agent != null;
    }

    /** Stops the running cell, here or in the agent, within about {@code graceMillis} + a little. */
    public void interrupt(long graceMillis) {
        thread.interrupt(graceMillis);
        if (agent != null) {
            agent.interrupt();
        }
    }

    private SnippetOutcome outcome() {
        return agent != null ? agent.outcome() : inProcess.outcome();
    }

    /** Marks the start of a notebook cell (an interrupt of the previous cell no longer applies). */
    public void beginCell() {
        thread.beginCell();
        if (agent != null) {
            try {
                agent.beginCell();
            } catch (java.io.IOException e) {
                // the agent is gone: the cell's first command says so
            }
        }
    }

    /**
     * Evaluates a cell. {@code cellLabel} names it in error traces (e.g. the execution count).
     * Returns the last expression's value ({@link InProcessControl#NULL} for null) or {@link #NO_VALUE}.
     */
    public Object eval(String code, int cellNumber) throws Exception {
        Object last = NO_VALUE;
        String remaining = code;
        int consumed = 0;
        declared.clear();
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness c = info.completeness();
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                int line = lineOf(code, consumed + leadingWhitespace(remaining));
                throw new CompileError(
                        "incomplete code",
                        List.of(
                                "Line " + line + ": the cell ends before this statement is complete "
                                        + "(a missing ';', ')' or '}'?)",
                                "    " + lineText(code, line).strip()));
            }
            String source = info.source();
            int snippetStart = consumed; // the snippet source keeps its leading blank lines
            consumed += remaining.length() - info.remaining().length();
            remaining = info.remaining();
            if (source == null || source.isBlank()) {
                continue;
            }
            last = evalSnippet(source, code, snippetStart, cellNumber);
        }
        reportUnresolved();
        if (last == AgentControl.IN_AGENT) {
            last = new dlkit.kernel.render.Rendered(agent.render());
        }
        return last;
    }

    /**
     * A declaration that still depends on something undefined when its cell ends would otherwise fail
     * silently here and confusingly in a later cell; say so in this cell. (Within a cell, a method may
     * use one declared after it: only the state at the end of the cell counts.)
     */
    private void reportUnresolved() throws CompileError {
        List<String> lines = new ArrayList<>();
        for (Snippet s : declared) {
            Snippet.Status status = shell.status(s);
            if (status != Snippet.Status.RECOVERABLE_DEFINED && status != Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                continue;
            }
            List<String> missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s)
                    .collect(Collectors.toList());
            String name = s instanceof jdk.jshell.MethodSnippet m
                    ? m.name() + "(" + m.parameterTypes() + ")"
                    : s instanceof jdk.jshell.DeclarationSnippet d
                            ? d.name()
                            : s.source().strip();
            if (status == Snippet.Status.RECOVERABLE_DEFINED) {
                System.out.println("Note: " + name + " is declared but cannot be used until "
                        + String.join(", ", missing) + " is declared.");
            } else {
                lines.add(name + " cannot be defined: it needs "
                        + (missing.isEmpty()
                                ? "a declaration that is " + "missing or does not compile"
                                : String.join(", ", missing)));
                shell.diagnostics(s)
                        .filter(Diag::isError)
                        .forEach(d -> lines.add("    "
                                + d.getMessage(Locale.ROOT).lines().findFirst().orElse("")));
            }
        }
        if (!lines.isEmpty()) {
            throw new CompileError(lines.get(0), lines);
        }
    }

    private Object evalSnippet(String source, String cell, int snippetStart, int cellNumber) throws Exception {
        if (agent != null && thread.cancelRequested()) {
            throw new InterruptedException("interrupted before it started");
        }
        SnippetOutcome control = outcome();
        if (control != null) {
            control.takeRefusal();
        }
        List<SnippetEvent> events;
        try {
            events = shell.eval(source);
        } finally {
            if (agent != null) {
                agent.checkAlive();
            }
        }
        control = outcome();
        refuseGuarded(events, control);
        Object value = NO_VALUE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet updated because of this one
            }
            Snippet snippet = event.snippet();
            if (snippet instanceof jdk.jshell.DeclarationSnippet) {
                declared.add(snippet);
            }
            // stack-frame line numbers count from the snippet's first non-blank line
            locations.remember(snippet, cellNumber, lineOf(cell, snippetStart + leadingWhitespace(source)));
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(snippet, cell, snippetStart);
            }
            if (event.exception() != null) {
                control.takeLastValue();
                throw event.exception();
            }
            Object v = control.takeLastValue();
            if (v != null && hasValue(snippet)) {
                value = v;
            }
        }
        return value;
    }

    /** Drops what {@link GradingGuard} refused (a class that would not load, a name hiding a package). */
    private void refuseGuarded(List<SnippetEvent> events, SnippetOutcome control) {
        String why = control.takeRefusal();
        for (SnippetEvent event : events) {
            if (why == null
                    && event.causeSnippet() == null
                    && (event.snippet() instanceof jdk.jshell.TypeDeclSnippet
                            || event.snippet() instanceof jdk.jshell.VarSnippet)) {
                why = GradingGuard.obscures(((jdk.jshell.DeclarationSnippet) event.snippet()).name());
            }
        }
        if (why != null) {
            for (SnippetEvent event : events) {
                if (event.causeSnippet() == null && event.snippet().kind().isPersistent()) {
                    shell.drop(event.snippet());
                }
            }
            control.takeLastValue();
            throw new SecurityException(why);
        }
    }

    private static boolean hasValue(Snippet s) {
        return switch (s.subKind()) {
            case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private CompileError compileError(Snippet snippet, String cell, int snippetStart) {
        List<String> lines = new ArrayList<>();
        List<Diag> diags = shell.diagnostics(snippet).collect(Collectors.toList());
        String summary = "compile error";
        for (Diag d : diags) {
            if (!d.isError()) {
                continue;
            }
            long pos = Math.max(0, d.getStartPosition());
            int absolute = (int) Math.min(cell.length(), snippetStart + pos);
            int line = lineOf(cell, absolute);
            int lineStart = cell.lastIndexOf('\n', Math.max(0, absolute - 1)) + 1;
            if (absolute > 0 && absolute <= cell.length() && cell.charAt(absolute - 1) == '\n') {
                lineStart = absolute;
            }
            String msg = d.getMessage(Locale.ROOT).lines().findFirst().orElse("error");
            if (summary.equals("compile error")) {
                summary = msg;
            }
            lines.add("Line " + line + ": " + msg);
            lines.add("    " + lineText(cell, line));
            lines.add("    " + " ".repeat(Math.max(0, absolute - lineStart)) + "^");
        }
        if (lines.isEmpty()) {
            lines.add("the snippet was rejected: " + snippet.source().strip());
        }
        return new CompileError(summary, lines);
    }

    public SnippetLocations locations() {
        return locations;
    }

    /**
     * Adds a jar or class folder for the compiler and the class loader, once. A folder added again is looked at
     * afresh: JShell's compiler keeps the classes it found in a package between cells, so classes compiled into
     * the folder since are only seen then (JShell starts new compiler contexts when its class path is set).
     */
    public boolean addToClasspath(String path) {
        if (!classPath.add(path) && !Files.isDirectory(Path.of(path))) {
            return false;
        }
        shell.addToClasspath(path);
        return true;
    }

    public SourceCodeAnalysis analysis() {
        return analysis;
    }

    /** "complete", "incomplete" or "invalid", as is_complete_request wants. */
    public String isComplete(String code) {
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case UNKNOWN:
                    return "invalid";
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "incomplete";
                default:
                    remaining = info.remaining();
            }
        }
        return "complete";
    }

    public void close() {
        if (agent != null) {
            agent.close();
        }
        shell.close();
    }

    static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < Math.min(index, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static String lineText(String text, int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
