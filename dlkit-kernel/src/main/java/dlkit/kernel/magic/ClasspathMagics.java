package dlkit.kernel.magic;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code %jars glob…} and {@code %classpath path…}: add local jars or class folders. */
final class ClasspathMagics {

    private ClasspathMagics() {}

    static Object jars(String args, MagicContext ctx) throws Exception {
        List<Path> paths = new ArrayList<>();
        for (String glob : required(args, "%jars lib/*.jar")) {
            for (Path p : Globs.expand(glob)) {
                if (!p.toString().endsWith(".jar")) {
                    throw new MagicException("%jars: " + p + " is not a .jar (use %classpath for folders)");
                }
                paths.add(p);
            }
        }
        return ctx.addToClasspath(paths);
    }

    static Object classpath(String args, MagicContext ctx) throws Exception {
        List<Path> paths = new ArrayList<>();
        for (String glob : required(args, "%classpath build/classes")) {
            paths.addAll(Globs.expand(glob));
        }
        return ctx.addToClasspath(paths);
    }

    private static List<String> required(String args, String example) throws MagicException {
        List<String> list = CellParser.args(args);
        if (list.isEmpty()) {
            throw new MagicException("missing path: e.g. " + example);
        }
        return list;
    }

    /** Glob expansion with '/' as separator on every OS; a pattern that matches nothing is an error. */
    static final class Globs {

        private Globs() {}

        static List<Path> expand(String glob) throws MagicException {
            String g = glob.startsWith("~/") ? System.getProperty("user.home") + glob.substring(1) : glob;
            if (!g.contains("*") && !g.contains("?") && !g.contains("[")) {
                Path p = Path.of(g).toAbsolutePath().normalize();
                if (!Files.exists(p)) {
                    throw new MagicException("no such file or folder: " + p);
                }
                return List.of(p);
            }
            int firstWild = indexOfWildcard(g);
            int slash = g.lastIndexOf('/', firstWild);
            Path base = Path.of(slash < 0 ? "." : (slash == 0 ? "/" : g.substring(0, slash)))
                    .toAbsolutePath()
                    .normalize();
            String pattern = slash < 0 ? g : g.substring(slash + 1);
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<Path> out = new ArrayList<>();
            if (Files.isDirectory(base)) {
                try (Stream<Path> walk =
                        Files.walk(base, pattern.contains("**") ? Integer.MAX_VALUE : pattern.split("/").length)) {
                    walk.filter(p -> !p.equals(base) && matcher.matches(base.relativize(p)))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new MagicException("cannot list " + base + ": " + e.getMessage());
                }
            }
            if (out.isEmpty()) {
                throw new MagicException("nothing matches " + glob + " (looked in " + base + ")");
            }
            return out;
        }

        private static int indexOfWildcard(String g) {
            int i = Integer.MAX_VALUE;
            for (char c : new char[] {'*', '?', '['}) {
                int k = g.indexOf(c);
                if (k >= 0) {
                    i = Math.min(i, k);
                }
            }
            return i;
        }
    }
}
