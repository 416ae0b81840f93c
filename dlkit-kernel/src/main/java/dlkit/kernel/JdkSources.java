package dlkit.kernel;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JShell reads Javadoc for JDK classes from the running JDK's {@code lib/src.zip}; Debian ships it
 * separately (package openjdk-N-source). Without it inspection shows signatures only, and says why.
 */
final class JdkSources {

    private JdkSources() {}

    /** Where JShell looks: {@code $java.home/lib/src.zip}, else {@code $java.home/../src.zip}. */
    static Path srcZip() {
        Path home = Path.of(System.getProperty("java.home"));
        Path zip = home.resolve("lib").resolve("src.zip");
        return Files.isReadable(zip) || home.getParent() == null
                ? zip
                : home.getParent().resolve("src.zip");
    }

    /** One line saying how to get Javadoc, or null when the JDK's sources are there. */
    static String missingNote() {
        if (Files.isReadable(srcZip())) {
            return null;
        }
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        return "(No Javadoc: " + zip + " is missing; on Debian/Ubuntu install it with: sudo apt-get install openjdk-"
                + Runtime.version().feature() + "-source)";
    }
}
