package dlkit.run;

import picocli.CommandLine.Option;

/** {@code --python}: which Python runs Jupyter, for the commands that start it ({@code run}, {@code grade}). */
public final class PythonOption {
    @Option(
            names = "--python",
            paramLabel = "PYTHON",
            description = "the Python with Jupyter (default: DLKIT_PYTHON, build/venv, python3)")
    String python;

    /** The one given, or null for the default. */
    public String python() {
        return python;
    }
}
