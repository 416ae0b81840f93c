package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClasspathGuardTest {

    @Test
    void artifactIdDropsVersionAndClassifier() {
        assertEquals("nd4j-native", ClasspathGuard.artifactId("nd4j-native-1.0.0-M2.1-linux-x86_64.jar"));
        assertEquals("xchart", ClasspathGuard.artifactId("xchart-3.8.8.jar"));
        assertEquals("commons-math3", ClasspathGuard.artifactId("commons-math3-3.6.1.jar"));
    }

    @Test
    void recognisesAStartupArtifactInAnotherFolderOrVersion() {
        ClasspathGuard guard =
                new ClasspathGuard("/k/lib/nd4j-native-1.0.0-M2.1.jar:/k/lib/javacpp-1.5.7.jar:/k/classes");
        assertEquals("javacpp-1.5.7.jar", guard.startupCopyOf(Path.of("/home/u/.m2/javacpp-1.5.8.jar")));
        assertNull(guard.startupCopyOf(Path.of("/home/u/.m2/junit-4.13.2.jar")));
    }
}
