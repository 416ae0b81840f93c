package dlkit.kernel.exec;

/**
 * What an execution engine (in the kernel's JVM or the agent's) tells {@link JavaRepl} about the snippet it just
 * handled: why its classes were refused, or its value.
 */
final class SnippetOutcome {

    private volatile String refusal;
    private volatile Object lastValue;

    void refused(String why) {
        refusal = why;
    }

    void ran(Object value) {
        lastValue = value;
    }

    /** Why the last snippet's classes were refused ({@link GradingGuard}), or null; forgets it. */
    String takeRefusal() {
        String r = refusal;
        refusal = null;
        return r;
    }

    /** The last snippet's value (or a stand-in for it), null when it did not run; forgets it. */
    Object takeLastValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }
}
