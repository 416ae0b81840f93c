package dlkit.kernel.exec;

/** What {@link JavaRepl} asks of its execution engine after each snippet, in the kernel's JVM or the agent's. */
interface SnippetControl {

    /** Why the last snippet's classes were refused ({@link GradingGuard}), or null; forgets it. */
    String takeRefusal();

    /** The last snippet's value (or a stand-in for it), null when it did not run; forgets it. */
    Object takeLastValue();
}
