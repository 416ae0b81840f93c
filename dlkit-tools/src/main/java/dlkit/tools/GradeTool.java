package dlkit.tools;

import dlkit.run.PythonOption;
import dlkit.tools.grade.GradeCommand;
import dlkit.tools.grade.GradeException;
import dlkit.tools.grade.GraderOptions;
import dlkit.tools.grade.cluster.ClusterGrade;
import dlkit.tools.grade.cluster.ClusterOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./dlkit grade}: the submissions of one assignment graded on this machine ({@link GradeCommand}), or, with
 * {@code --slurm}, {@code --k8s-manifest} or {@code --collect}, on a cluster ({@link ClusterGrade}).
 */
@Command(
        name = "grade",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Autograde submissions with nbgrader's rules -> OUT/grades.json, grades.csv, feedback/.",
            "With --slurm, --k8s-manifest or --collect OUT: grade a class on a cluster, merge the shards."
        },
        footer = "Exit status: 0 every submission graded, 2 bad input (nothing written), 3 a submission could not "
                + "be executed.")
final class GradeTool implements Callable<Integer> {
    @Option(
            names = {"-s", "--source"},
            paramLabel = "SOURCE.ipynb",
            description = "the instructor notebook (solutions and hidden tests)")
    Path source;

    @Parameters(paramLabel = "SUBMISSION.ipynb", arity = "0..*", description = "the students' notebooks")
    List<Path> submissions = new ArrayList<>();

    @Option(
            names = {"-o", "--output", "--out"},
            paramLabel = "OUT_DIR",
            description = "default build/grades")
    Path out;

    @Mixin
    PythonOption python = new PythonOption();

    @Mixin
    GraderOptions grader = new GraderOptions();

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Override
    public Integer call() {
        if (cluster.any()) {
            return ClusterGrade.run(source, submissions, out, python.python(), cluster, grader);
        }
        try {
            return GradeCommand.run(GradeCommand.options(source, submissions, out, python.python(), grader));
        } catch (GradeException e) {
            System.err.println("dlkit grade: " + e.getMessage());
            return 2;
        }
    }
}
