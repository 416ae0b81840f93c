package dlkit.tools.grade.cluster;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that grades one shard: the ordinary single-machine grader ({@code ./dlkit grade} without a cluster
 * option, {@code dlkit.tools.Tools grade}) on this JVM's java and class path, so compute nodes run the very build the course
 * runs here (over the shared file system).
 */
final class GraderCommand {
    private GraderCommand() {}

    static List<String> words(String python) {
        List<String> w = new ArrayList<>();
        w.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        w.add("-cp");
        w.add(classPath());
        w.add("dlkit.tools.Tools");
        w.add("grade");
        w.add("--python");
        w.add(python);
        return w;
    }

    /** {@code DIR/dlkit.jar:DIR/lib/*} when the class path is a DLKit build folder, else every entry made absolute. */
    static String classPath() {
        List<String> abs = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.isEmpty()) {
                continue;
            }
            Path p = Path.of(e).toAbsolutePath().normalize();
            if (p.getFileName() != null && p.getFileName().toString().equals("dlkit.jar")) {
                return p + File.pathSeparator + p.resolveSibling("lib") + File.separator + "*";
            }
            abs.add(p.toString());
        }
        return String.join(File.pathSeparator, abs);
    }

    /** Single-quoted for bash. */
    static String sq(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
