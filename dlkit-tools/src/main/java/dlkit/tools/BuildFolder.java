package dlkit.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The build folder ({@code target/}: dlkit.jar, lib/, the kernelspec) a class was loaded from: the folder of
 * {@code dlkit.jar}, the parent of {@code lib/} for a module's jar in it, or three up from a module's classes in
 * a Maven build ({@code target/modules/NAME/classes}, as in tests).
 */
public final class BuildFolder {

    private BuildFolder() {}

    /** Empty when the class has no code source on disk (an unusual class loader). */
    public static Optional<Path> of(Class<?> c) {
        try {
            Path code = Path.of(c.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath();
            Path folder = Files.isDirectory(code) ? ancestor(code, 3) : code.getParent();
            if (folder != null
                    && folder.getFileName() != null
                    && folder.getFileName().toString().equals("lib")) {
                folder = folder.getParent();
            }
            return Optional.ofNullable(folder);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Path ancestor(Path p, int levels) {
        for (int i = 0; i < levels && p != null; i++) {
            p = p.getParent();
        }
        return p;
    }
}
