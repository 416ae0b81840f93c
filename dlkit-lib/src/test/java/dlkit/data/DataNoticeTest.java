package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataNoticeTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream saved;

    @BeforeEach
    void captureStdout() {
        saved = System.out;
        System.setOut(new PrintStream(out, true));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(saved);
    }

    @Test
    @DisplayName("a CIFAR-10 folder is used and named in one printed line")
    void cifarFolder_isUsedAndAnnounced() throws IOException {
        Path dir = CifarFormatTest.writeFolder(tmp, 3);
        DataSplit d = Cifar10.loadOrSubstitute(5, 2, Optional.of(dir), true, tmp);
        assertTrue(d.isCifar10());
        assertEquals(5, d.train().size());
        assertEquals(2, d.test().size());
        assertEquals(
                "Data: CIFAR-10 from " + dir + " (5 training / 2 test images).",
                out.toString().trim());
    }

    @Test
    @DisplayName("offline without CIFAR-10: Fashion-MNIST, and the printed line says so and why")
    void offlineWithoutCifar_substitutesFashionMnistAndSaysSo() {
        assumeTrue(FashionMnist.locate().isPresent(), "dataset-fashion-mnist is not installed");
        DataSplit d = Cifar10.loadOrSubstitute(4, 3, Optional.empty(), true, tmp);
        assertFalse(d.isCifar10());
        String line = out.toString().trim();
        assertFalse(line.contains("\n"), "one line");
        assertTrue(
                line.startsWith("Data: CIFAR-10 is not available here (no local copy, and DLKIT_OFFLINE is set)."),
                line);
        assertTrue(line.contains("Using Fashion-MNIST instead"), line);
        assertEquals(line, d.notice());
        assertEquals(
                java.util.List.of(4L, 3L, 32L, 32L),
                java.util.Arrays.stream(d.train().images().shape()).boxed().toList());
    }

    @Test
    @DisplayName("a failed download falls back to the substitute with the reason")
    void failedDownload_fallsBackWithReason() {
        assumeTrue(FashionMnist.locate().isPresent(), "dataset-fashion-mnist is not installed");
        // the cache holds a wrong archive: the checksum check fails and the substitute is used
        Path cache = tmp.resolve("cache");
        try {
            java.nio.file.Files.createDirectories(cache);
            java.nio.file.Files.writeString(cache.resolve("cifar-10-binary.tar.gz"), "not an archive");
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        DataSplit d = Cifar10.loadOrSubstitute(2, 2, Optional.empty(), false, cache);
        assertFalse(d.isCifar10());
        assertTrue(d.notice().contains("checksum mismatch"), d.notice());
    }
}
