package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarFormatTest {

    @TempDir
    Path tmp;

    /** {@code n} records with labels i % 10 and seeded random pixels. */
    static CifarFormat.Records records(int n, long seed) {
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * CifarFormat.IMAGE_BYTES];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        new Random(seed).nextBytes(pixels);
        return new CifarFormat.Records(labels, pixels);
    }

    /** A complete cifar-10-batches-bin folder with {@code perFile} records in each of the six files. */
    static Path writeFolder(Path root, int perFile) throws IOException {
        Path dir = root.resolve(Cifar10.FOLDER);
        int k = 0;
        for (String f : Cifar10.TRAIN_FILES) {
            CifarFormat.Records r = records(perFile, k++);
            CifarFormat.write(dir.resolve(f), r.labels(), r.pixels());
        }
        CifarFormat.Records r = records(perFile, 99);
        CifarFormat.write(dir.resolve(Cifar10.TEST_FILE), r.labels(), r.pixels());
        return dir;
    }

    @Test
    @DisplayName("written records read back byte for byte; each record is 3073 bytes")
    void writeThenRead_roundTripsExactly() throws IOException {
        CifarFormat.Records r = records(7, 1);
        Path f = tmp.resolve("data_batch_1.bin");
        CifarFormat.write(f, r.labels(), r.pixels());
        assertEquals(7L * 3073, Files.size(f));
        CifarFormat.Records back = CifarFormat.read(f, 100);
        assertArrayEquals(r.labels(), back.labels());
        assertArrayEquals(r.pixels(), back.pixels());
        assertEquals(3, CifarFormat.read(f, 3).count());
    }

    @Test
    void fileOfWrongSize_isRejected() throws IOException {
        Path f = tmp.resolve("bad.bin");
        Files.write(f, new byte[3072]);
        IOException e = assertThrows(IOException.class, () -> CifarFormat.read(f, 10));
        assertTrue(e.getMessage().contains("3073"), e.getMessage());
    }

    @Test
    void labelsOutsideZeroToNine_areRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> CifarFormat.write(tmp.resolve("x.bin"), new byte[] {10}, new byte[3072]));
    }

    @Test
    @DisplayName("the loader maps the R, G, B planes to channels 0, 1, 2 and bytes to [0, 1]")
    void load_mapsPlanesToChannels() throws IOException {
        Path dir = writeFolder(tmp, 4);
        assertTrue(Cifar10.isComplete(dir));
        ImageSet train = Cifar10.load(dir, true, 10); // crosses from data_batch_1 into data_batch_2 and _3
        assertEquals(10, train.size());
        assertArrayEquals(new long[] {10, 3, 32, 32}, train.images().shape());
        CifarFormat.Records first = records(4, 0);
        CifarFormat.Records second = records(4, 1);
        byte[] p = first.pixels();
        assertEquals((p[0] & 0xFF) / 255.0, train.images().getDouble(0, 0, 0, 0), 1e-6);
        assertEquals((p[1024] & 0xFF) / 255.0, train.images().getDouble(0, 1, 0, 0), 1e-6);
        assertEquals((p[2048 + 33] & 0xFF) / 255.0, train.images().getDouble(0, 2, 1, 1), 1e-6);
        assertEquals((second.pixels()[3071] & 0xFF) / 255.0, train.images().getDouble(4, 2, 31, 31), 1e-6);
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1}, train.labels());
        assertEquals(4, Cifar10.load(dir, false, 100).size());
        assertEquals(10, train.oneHot().sumNumber().intValue());
    }

    @Test
    @DisplayName("download: a file:// archive with the right MD5 is cached and extracted")
    void download_extractsVerifiedArchive() throws IOException {
        Path src = writeFolder(tmp.resolve("src"), 2);
        Path archive = tarGz(src, tmp.resolve("cifar.tar.gz"));
        Path cache = tmp.resolve("cache");
        Path dir = Cifar10.download(archive.toUri(), Download.md5(archive), cache);
        assertTrue(Cifar10.isComplete(dir));
        assertEquals(2, Cifar10.load(dir, false, 10).size());
    }

    @Test
    @DisplayName("download: a wrong MD5 fails with a clear message and leaves no file behind")
    void download_withWrongChecksum_failsClearly() throws IOException {
        Path src = writeFolder(tmp.resolve("src"), 1);
        Path archive = tarGz(src, tmp.resolve("cifar.tar.gz"));
        Path cache = tmp.resolve("cache");
        ChecksumException e =
                assertThrows(ChecksumException.class, () -> Cifar10.download(archive.toUri(), Cifar10.MD5, cache));
        assertTrue(
                e.getMessage().contains("checksum mismatch") && e.getMessage().contains(Cifar10.MD5), e.getMessage());
        assertFalse(Files.exists(cache.resolve("cifar-10-binary.tar.gz")));
        assertFalse(Files.exists(cache.resolve("cifar-10-binary.tar.gz.part")));
    }

    @Test
    void md5_ofKnownBytes() throws IOException {
        Path f = Files.writeString(tmp.resolve("abc.txt"), "abc");
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Download.md5(f));
    }

    private static Path tarGz(Path dir, Path out) throws IOException {
        try (OutputStream o = Files.newOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(o))) {
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    TarArchiveEntry e = new TarArchiveEntry(f.toFile(), Cifar10.FOLDER + "/" + f.getFileName());
                    tar.putArchiveEntry(e);
                    Files.copy(f, tar);
                    tar.closeArchiveEntry();
                }
            }
        }
        return out;
    }
}
