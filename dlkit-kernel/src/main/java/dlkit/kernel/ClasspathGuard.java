package dlkit.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Knows which artifacts the kernel started with, so %maven / %jars never add a second copy of one
 * (a second JavaCPP or ND4J breaks both). Artifacts are matched by artifactId taken from the jar name
 * ({@code nd4j-native-1.0.0-M2.1-linux-x86_64.jar} is {@code nd4j-native}).
 */
final class ClasspathGuard {

    private final Map<String, String> startup = new HashMap<>();

    ClasspathGuard(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                String name = Path.of(entry).getFileName().toString();
                startup.put(artifactId(name), name);
            }
        }
    }

    /** The startup jar that provides the same artifact as {@code jar}, or null. */
    String startupCopyOf(Path jar) {
        return startup.get(artifactId(jar.getFileName().toString()));
    }

    static String artifactId(String jarName) {
        String base = jarName.toLowerCase(Locale.ROOT).replaceFirst("\\.jar$", "");
        String[] parts = base.split("-");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty() && Character.isDigit(parts[i].charAt(0))) {
                break;
            }
            id.append('-').append(parts[i]);
        }
        return id.toString();
    }
}
