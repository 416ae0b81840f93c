package dlkit.tools;

import dlkit.run.RunCommand;
import dlkit.tools.grade.NbgraderConfigCommand;
import dlkit.tools.grade.ReleaseCommand;
import dlkit.tools.grade.cluster.GradescopeBundle;
import dlkit.tools.grade.cluster.GradescopeResults;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Java side of {@code ./dlkit}: every command, one picocli subcommand each. {@code ./dlkit} finds a JDK, builds
 * when the sources changed, takes the build lock and runs {@code java -Ddlkit.home=CHECKOUT ... dlkit.tools.Tools
 * COMMAND ARGS} ({@link Checkout} lists what it hands over). The commands that use Jupyter or the kernel run
 * {@link SetupTool}'s steps first ({@link #main}), once their command line is known to be good.
 *
 * <p>A bad command line is one line on stderr naming the problem and {@code --help}, exit status 2.
 */
@Command(
        name = "dlkit",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 118,
        description = "DLKit's commands: ./dlkit COMMAND [ARGS]; ./dlkit COMMAND --help for one of them.",
        footer = {
            "",
            "Run by ./dlkit itself, after setup:",
            "  notebook [--classic] [ARGS]  open JupyterLab on notebooks/ (--classic: Notebook 7)",
            "  bench [ARGS]                 kernel latency benchmark against Debian's ipykernel"
        },
        subcommands = {
            SetupTool.class,
            RunCommand.class,
            TestTool.class,
            DoctorTool.class,
            ReleaseCommand.class,
            GradeTool.class,
            GradescopeBundle.class,
            NbgraderConfigCommand.class,
            GradescopeResults.class,
            TestSummary.class,
            CommandLine.HelpCommand.class
        })
public final class Tools implements Callable<Integer> {
    /** The commands that set up first (test does it itself, after checking its arguments). */
    static final Set<String> SET_UP_FIRST = Set.of("run", "release", "grade", "gradescope", "nbgrader-config");

    @Override
    public Integer call() {
        System.err.println("dlkit: give a command; see ./dlkit help");
        return 2;
    }

    /** ./dlkit notebook and bench: set up, then ./dlkit execs the Python program itself (it gets the terminal). */
    @Command(name = "prepare", hidden = true, description = "setup's steps, silent when there is nothing to do")
    int prepare() {
        return prepare(Checkout.current()) ? 0 : 1;
    }

    public static void main(String[] args) {
        // setup's apt-get may upgrade the JDK under this JVM (openjdk-N-source requires the newest openjdk-N-jdk);
        // the default launcher, the JDK's jspawnhelper, then refuses to start anything for the older running JVM.
        // Plain fork+exec needs no helper of the JDK's.
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null) {
            System.setProperty("jdk.lang.Process.launchMechanism", "FORK");
        }
        CommandLine cl = commandLine();
        cl.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            CommandLine.ParseResult sub = parsed.subcommand();
            if (sub != null && SET_UP_FIRST.contains(sub.commandSpec().name()) && !prepare(Checkout.current())) {
                return 1;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        System.exit(cl.execute(args));
    }

    /** Runs the command line {@code args} without set-up (tests); the exit status. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    private static CommandLine commandLine() {
        return new CommandLine(new Tools()).setParameterExceptionHandler(Tools::badInput);
    }

    /** {@link SetupTool#prepare}; false, with its one line on stderr, when it cannot go on. */
    static boolean prepare(Checkout c) {
        try {
            SetupTool.prepare(c);
            return true;
        } catch (SetupException e) {
            System.err.println("dlkit: " + e.getMessage());
        } catch (IOException e) {
            System.err.println("dlkit: set-up failed: " + e + "; fix it, then run ./dlkit setup again");
        }
        return false;
    }

    private static int badInput(CommandLine.ParameterException e, String[] args) {
        String name = e.getCommandLine().getCommandSpec().qualifiedName(" ");
        e.getCommandLine().getErr().println(name + ": " + e.getMessage() + " (see ./" + name + " --help)");
        return 2;
    }
}
