package dlkit.kernel.exec;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import jdk.jshell.execution.StreamingExecutionControl;

/**
 * The kernel's end of JShell's protocol with the execution agent: every snippet class is checked
 * ({@link GradingGuard}) and has its exit calls rewritten here, in the kernel, before it is sent. The value stays in
 * the agent; its outcome only says that there is one ({@link Agent#render} fetches its bundle).
 */
final class AgentControl extends StreamingExecutionControl {

    /** Stands for "the snippet ran and its value is in the agent". */
    static final Object IN_AGENT = new Object();

    private final SnippetOutcome outcome = new SnippetOutcome();
    private volatile boolean terminated;

    AgentControl(ObjectOutput out, ObjectInput in) {
        super(out, in);
    }

    @Override
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        refuseIfGuarded(classes);
        try {
            super.load(InProcessControl.guarded(classes));
        } catch (EngineTerminationException e) {
            terminated = true;
            throw e;
        }
    }

    @Override
    public void redefine(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        refuseIfGuarded(classes);
        try {
            super.redefine(InProcessControl.guarded(classes));
        } catch (EngineTerminationException e) {
            terminated = true;
            throw e;
        }
    }

    private void refuseIfGuarded(ClassBytecodes[] classes) throws ClassInstallException {
        String why = InProcessControl.refusal(classes);
        if (why != null) {
            outcome.refused(why);
            throw new ClassInstallException(why, new boolean[classes.length]);
        }
    }

    @Override
    public String invoke(String className, String methodName)
            throws RunException, EngineTerminationException, InternalException {
        try {
            String s = super.invoke(className, methodName);
            outcome.ran(IN_AGENT);
            return s;
        } catch (EngineTerminationException e) {
            terminated = true;
            throw e;
        }
    }

    /** Whether the line to the agent broke while a snippet ran. */
    boolean terminated() {
        return terminated;
    }

    /** The last snippet's refusal, or {@link #IN_AGENT} when it ran. */
    SnippetOutcome outcome() {
        return outcome;
    }
}
