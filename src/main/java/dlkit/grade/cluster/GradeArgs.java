package dlkit.grade.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a distributed {@code ./dlkit grade}: the source, the submissions and the output folder as for
 * the local grader, this command's own options, and every other option, passed on unchanged to the grader that each
 * shard runs ({@code --timeout}, {@code --wall}, {@code --skip-invalid}, ...). Submissions are the arguments ending in
 * {@code .ipynb}; any other word after an option is that option's value.
 */
record GradeArgs(String source, List<String> submissions, Path out, Map<String, String> own, List<String> graderArgs) {

    /**
     * @param withValue own options that take a value
     * @param flags     own options without a value
     */
    static GradeArgs parse(String[] args, Set<String> withValue, Set<String> flags, String usage)
            throws ClusterException {
        String source = null;
        Path out = null;
        List<String> subs = new ArrayList<>();
        Map<String, String> own = new java.util.LinkedHashMap<>();
        List<String> grader = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--source") || a.equals("-s")) {
                source = value(args, ++i, a, usage);
            } else if (a.equals("-o") || a.equals("--output") || a.equals("--out")) {
                out = Path.of(value(args, ++i, a, usage));
            } else if (withValue.contains(a)) {
                own.put(a, value(args, ++i, a, usage));
            } else if (flags.contains(a)) {
                own.put(a, "");
            } else if (a.equals("-h") || a.equals("--help")) {
                throw new ClusterException(usage);
            } else if (a.startsWith("-")) {
                grader.add(a);
                if (i + 1 < args.length && !args[i + 1].startsWith("-") && !args[i + 1].endsWith(".ipynb")) {
                    grader.add(args[++i]);
                }
            } else if (a.endsWith(".ipynb")) {
                subs.add(a);
            } else {
                throw new ClusterException(a + ": not a notebook (.ipynb) and not an option value; " + usage);
            }
        }
        return new GradeArgs(source, subs, out, own, grader);
    }

    static String value(String[] args, int i, String option, String usage) throws ClusterException {
        if (i >= args.length) {
            throw new ClusterException(option + " needs a value; " + usage);
        }
        return args[i];
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
