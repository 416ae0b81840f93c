package dlkit.kernel;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JShell reads Javadoc for JDK classes from the running JDK's {@code lib/src.zip}; Debian ships it
 * separately (package openjdk-N-source). Without it inspection shows signatures only, and says why.
 */
final class JdkSources {

    private JdkSources() {
    }

    static Path srcZip() {
        return Path.of(System.getProperty("java.home"), "lib", "src.zip");
    }

    /** One line saying how to get Javadoc, or null when the JDK's sources are there. */
    static String missingNote() {
        Path zip = srcZip();
        if (Files.isReadable(zip)) {
            return null;
        }
        return "(No Javadoc: " + zip + " is missing; on Debian/Ubuntu install it with: sudo apt-get install openjdk-"
                + Runtime.version().feature() + "-source)";
    }
}
