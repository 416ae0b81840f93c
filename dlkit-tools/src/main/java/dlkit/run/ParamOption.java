package dlkit.run;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -p NAME=VALUE}, repeatable: values for the notebook's parameters cell ({@link ParameterInjector}), for the
 * commands that run notebooks ({@code run}, {@code grade}).
 */
public final class ParamOption {
    @Option(
            names = {"-p", "--param", "--parameter"},
            paramLabel = "NAME=VALUE",
            description = "a value for the notebook's parameters cell (repeatable; NAME=1,2,3 for an array)")
    List<String> assignments = new ArrayList<>();

    /** As given, e.g. {@code [epochs=2, sizes=10,30]}. */
    public List<String> assignments() {
        return assignments;
    }
}
