/**
 * The Java side of {@code ./dlkit}: one picocli subcommand per command ({@link dlkit.tools.Tools}), the set-up that
 * every command runs first (Debian packages, DLKit's Python venv, the kernelspec, the class-data-sharing archive),
 * {@code doctor} and {@code test}. The shell script keeps only what must run before a JDK and a build exist.
 */
package dlkit.tools;
