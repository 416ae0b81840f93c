package dlkit.kernel.exec;

import java.lang.reflect.Method;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell's execution engine inside the execution agent's JVM (see {@link Agent}): snippet classes, already
 * checked by the kernel, load in a child of the application class loader and run on the {@link ExecutionThread};
 * the last value is kept here, where it lives, until the kernel asks for its rendering.
 */
public final class AgentExecution extends DirectExecutionControl {

    private final ExecutionThread thread;
    private volatile Object lastValue;

    public AgentExecution(ExecutionThread thread) {
        this.thread = thread;
    }

    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        String fresh = InProcessControl.notOnStartupClasspath(path);
        if (!fresh.isEmpty()) {
            super.addToClasspath(fresh);
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        lastValue = thread.runSnippet(doit);
        return "";
    }

    /** The value of the snippet that ran last (null for null). */
    public Object lastValue() {
        return lastValue;
    }
}
