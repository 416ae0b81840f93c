package dlkit.tools.grade.cluster;

import java.util.List;

/**
 * The bash that grades one shard, shared by the Slurm batch script and the Kubernetes pod: it reads the shard's list,
 * runs the ordinary grader into {@code shard-NNN/}, then writes the markers {@link Plan} and {@link Collect} trust:
 * {@code shard-NNN.ran} (a report for these inputs exists) and {@code shard-NNN.ok} (the grader succeeded). Both
 * hold the shard's key, so results of older inputs are never taken for current ones.
 */
final class ShardScript {
    private ShardScript() {}

    /**
     * @param dir   the plan folder as a bash word (quoted path or variable)
     * @param index a bash expression giving the shard index (e.g. {@code "$SLURM_ARRAY_TASK_ID"})
     */
    static String body(String dir, String index, List<String> grader, Plan plan) {
        StringBuilder s = new StringBuilder();
        s.append("dir=").append(dir).append('\n');
        s.append("i=$(printf %03d ").append(index).append(")\n");
        s.append("mapfile -t subs < \"$dir/shard-$i.txt\"\n");
        s.append("if cmp -s \"$dir/shard-$i.key\" \"$dir/shard-$i.ok\"; then echo \"dlkit: shard $i already graded\"; "
                + "exit 0; fi\n");
        s.append("echo \"dlkit: shard $i on $(hostname): ${#subs[@]} submissions\"\n");
        s.append("rm -f \"$dir/shard-$i.ok\" \"$dir/shard-$i.ran\" \"$dir/shard-$i/grades.json\" "
                + "\"$dir/shard-$i/grades.csv\"\n");
        StringBuilder line = new StringBuilder();
        for (String w : grader) {
            line.append(GraderCommand.sq(w)).append(' ');
        }
        for (String w : plan.graderArgs()) {
            line.append(GraderCommand.sq(w)).append(' ');
        }
        line.append("--source ").append(GraderCommand.sq(plan.source())).append(" \"${subs[@]}\" -o \"$dir/shard-$i\"");
        s.append(line).append('\n');
        s.append("rc=$?\n");
        s.append("mark() { cp \"$dir/shard-$i.key\" \"$dir/shard-$i.$1.tmp\" && mv \"$dir/shard-$i.$1.tmp\" "
                + "\"$dir/shard-$i.$1\"; }\n");
        s.append("if [ -f \"$dir/shard-$i/grades.json\" ]; then mark ran; fi\n");
        s.append("if [ \"$rc\" -eq 0 ]; then mark ok; fi\n");
        s.append("echo \"dlkit: shard $i: grader exit status $rc\"\n");
        s.append("exit \"$rc\"\n");
        return s.toString();
    }
}
