package dlkit.tools.grade.cluster;

import dlkit.run.RunOptions;
import dlkit.tools.grade.GraderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A distributed {@code ./dlkit grade}: the source, the submissions and the output folder as for the local grader,
 * this command's own options ({@link ClusterOptions#own()}), the grader options that each shard's grader gets
 * unchanged ({@code --timeout}, {@code --wall}, {@code --skip-invalid}, ...) and the Python with Jupyter on the nodes.
 */
record GradeArgs(
        String source,
        List<String> submissions,
        Path out,
        Map<String, String> own,
        List<String> graderArgs,
        String python) {

    /** From {@code ./dlkit grade}'s parsed command line; python null: the default Python with Jupyter. */
    static GradeArgs of(
            Path source, List<Path> submissions, Path out, String python, ClusterOptions cluster, GraderOptions grader)
            throws ClusterException {
        List<String> subs = new ArrayList<>();
        for (Path s : submissions) {
            if (!s.toString().endsWith(".ipynb")) {
                throw new ClusterException(
                        s + ": not a notebook (.ipynb) and not an option value; see ./dlkit grade " + "--help");
            }
            subs.add(s.toString());
        }
        return new GradeArgs(
                source == null ? null : source.toString(),
                subs,
                out,
                cluster.own(),
                grader.words(),
                python != null ? python : RunOptions.defaultPython(System.getenv()));
    }

    static int positive(String v, String option) throws ClusterException {
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // message below
        }
        throw new ClusterException(option + " " + v + ": expected a whole number > 0");
    }

    /** The value of a grader option given to pass on (e.g. {@code --wall}), or null. */
    String graderOption(String name) {
        int i = graderArgs.indexOf(name);
        return i >= 0 && i + 1 < graderArgs.size() ? graderArgs.get(i + 1) : null;
    }
}
