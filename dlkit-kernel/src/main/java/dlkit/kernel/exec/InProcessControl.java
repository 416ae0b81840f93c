package dlkit.kernel.exec;

import java.lang.reflect.Method;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell's execution engine, in the kernel's own JVM: snippet classes load in a child of the
 * application class loader (so DL4J, XChart and the kernel are loaded once and shared), run on the
 * {@link ExecutionThread}, and hand back the real result object rather than its string form.
 */
public final class InProcessControl extends DirectExecutionControl {

    /** Stands for a snippet whose value was {@code null}. */
    public static final Object NULL = new Object();

    private final ExecutionThread thread;
    private final SnippetOutcome outcome = new SnippetOutcome();

    public InProcessControl(ExecutionThread thread) {
        this.thread = thread;
    }

    @Override
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        refuseIfGuarded(classes);
        super.load(guarded(classes));
    }

    @Override
    public void redefine(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        refuseIfGuarded(classes);
        super.redefine(guarded(classes));
    }

    private void refuseIfGuarded(ClassBytecodes[] classes) throws ClassInstallException {
        String why = refusal(classes);
        if (why != null) {
            outcome.refused(why);
            throw new ClassInstallException(why, new boolean[classes.length]);
        }
    }

    /** Why {@link GradingGuard} refuses these snippet classes, or null. */
    static String refusal(ClassBytecodes[] classes) {
        byte[][] bytes = new byte[classes.length][];
        for (int i = 0; i < classes.length; i++) {
            bytes[i] = classes[i].bytecodes();
        }
        return GradingGuard.check(bytes);
    }

    /**
     * JShell passes every class path entry here as well as to its compiler. Entries the JVM already has
     * (the kernel's own class path) must not be loaded a second time by the snippet class loader:
     * a second copy of JavaCPP or ND4J breaks both. Only genuinely new jars go through.
     */
    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        String fresh = notOnStartupClasspath(path);
        if (!fresh.isEmpty()) {
            super.addToClasspath(fresh);
        }
    }

    /** The entries of {@code path} that are not on this JVM's own class path. */
    static String notOnStartupClasspath(String path) {
        java.util.Set<String> startup = new java.util.HashSet<>(
                java.util.Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        java.util.List<String> fresh = new java.util.ArrayList<>();
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && !startup.contains(entry)) {
                fresh.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, fresh);
    }

    static ClassBytecodes[] guarded(ClassBytecodes[] classes) {
        ClassBytecodes[] out = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = new ClassBytecodes(classes[i].name(), ExitCallRewriter.rewrite(classes[i].bytecodes()));
        }
        return out;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object value = thread.runSnippet(doit);
        outcome.ran(value == null ? NULL : value);
        return "";
    }

    /** The last snippet's refusal or value ({@link #NULL} for null). */
    SnippetOutcome outcome() {
        return outcome;
    }
}
