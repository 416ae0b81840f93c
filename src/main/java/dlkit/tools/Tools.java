package dlkit.tools;

import dlkit.grade.NbgraderConfigCommand;
import dlkit.grade.ReleaseCommand;
import dlkit.grade.cluster.GradescopeBundle;
import dlkit.grade.cluster.GradescopeResults;
import dlkit.run.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * The Java side of {@code ./dlkit}: its commands that run on the DLKit build ({@code ./dlkit run}, {@code release},
 * {@code grade}, {@code gradescope}, {@code nbgrader-config}, {@code test-summary}), one picocli subcommand each.
 * {@code ./dlkit COMMAND ARGS} runs {@code java -Ddlkit.home=CHECKOUT dlkit.tools.Tools COMMAND ARGS} after its set-up.
 *
 * <p>A bad command line is one line on stderr naming the problem and {@code --help}, exit status 2.
 */
@Command(name = "dlkit", mixinStandardHelpOptions = true,
        description = "DLKit's command-line tools (./dlkit help lists the commands ./dlkit itself runs).",
        subcommands = {RunCommand.class, ReleaseCommand.class, GradeTool.class, GradescopeBundle.class,
            NbgraderConfigCommand.class, GradescopeResults.class, TestSummary.class})
public final class Tools implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("dlkit: give a command; see ./dlkit help");
        return 2;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line {@code args}; the exit status. */
    public static int execute(String... args) {
        return new CommandLine(new Tools()).setParameterExceptionHandler(Tools::badInput).execute(args);
    }

    private static int badInput(CommandLine.ParameterException e, String[] args) {
        String name = e.getCommandLine().getCommandSpec().qualifiedName(" ");
        e.getCommandLine().getErr().println(name + ": " + e.getMessage() + " (see ./" + name + " --help)");
        return 2;
    }
}
