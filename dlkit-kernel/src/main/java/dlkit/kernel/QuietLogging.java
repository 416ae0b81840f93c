package dlkit.kernel;

import java.nio.file.Path;

/**
 * Keeps the kernel's stderr empty: nbgrader scores a test cell 0 if it shows any stderr, and ND4J,
 * SLF4J and java.util.logging all write there by default. Library logs go to a file instead
 * (DLKIT_LOG, default: dlkit-kernel.log in the temp folder).
 */
final class QuietLogging {

    private QuietLogging() {}

    static void apply() {
        String log = Env.logFile();
        setDefault("org.slf4j.simpleLogger.logFile", log);
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.nd4j.log.initialization", "false");
        setDefault("java.awt.headless", "true");
        java.util.logging.LogManager.getLogManager().reset();
    }

    static Path logPath() {
        return Path.of(Env.logFile());
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
