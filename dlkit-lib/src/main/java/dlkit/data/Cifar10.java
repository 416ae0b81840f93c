package dlkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CIFAR-10 from the official binary files ({@code cifar-10-batches-bin}, see {@link CifarFormat}).
 * <pre>{@code
 * DataSplit data = Cifar10.loadOrSubstitute(5000, 1000);  // prints which data it uses
 * ImageSet train = Cifar10.load(dir, true, 50_000);       // a folder you point to
 * Path dir = Cifar10.download(DataEnv.cacheDir());         // the official archive, checked and cached
 * }</pre>
 * Where it looks: {@code $DLKIT_DATA} (the folder itself or its {@code cifar-10-batches-bin}), then
 * {@code ~/.cache/dlkit/cifar-10-batches-bin} (or {@code $DLKIT_CACHE}).
 */
public final class Cifar10 {

    /** The official archive on Alex Krizhevsky's page. */
    public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** Its MD5, as published on the same page (170,052,171 bytes). */
    public static final String MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

    public static final String FOLDER = "cifar-10-batches-bin";
    public static final List<String> CLASSES =
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    public static final List<String> TRAIN_FILES =
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";

    private Cifar10() {}

    /** A folder with all six batch files, if one is found. */
    public static Optional<Path> locate() {
        List<Path> candidates = new ArrayList<>();
        DataEnv.dataDir().ifPresent(d -> {
            candidates.add(d);
            candidates.add(d.resolve(FOLDER));
        });
        candidates.add(DataEnv.cacheDir().resolve(FOLDER));
        return candidates.stream().filter(Cifar10::isComplete).findFirst();
    }

    /** Whether {@code dir} holds the five training batches and the test batch. */
    public static boolean isComplete(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        for (String f : TRAIN_FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return false;
            }
        }
        return Files.isRegularFile(dir.resolve(TEST_FILE));
    }

    /** The first {@code limit} training images (in file order) or test images of a {@code cifar-10-batches-bin} folder. */
    public static ImageSet load(Path dir, boolean train, int limit) {
        List<Path> files = new ArrayList<>();
        for (String f : train ? TRAIN_FILES : List.of(TEST_FILE)) {
            files.add(dir.resolve(f));
        }
        try {
            CifarFormat.Records r = CifarFormat.read(files, limit);
            return toImageSet(r, "CIFAR-10 " + (train ? "training" : "test") + " images from " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records as {@code [N, 3, 32, 32]} floats in [0, 1] (byte / 255). */
    static ImageSet toImageSet(CifarFormat.Records r, String source) {
        int n = r.count();
        byte[] px = r.pixels();
        float[] f = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            f[i] = (px[i] & 0xFF) / 255f;
        }
        INDArray images = Nd4j.create(f, new long[] {n, 3, CifarFormat.SIDE, CifarFormat.SIDE}, 'c');
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.labels()[i];
        }
        return new ImageSet(images, labels, CLASSES, source);
    }

    /**
     * Downloads the official archive into {@code cacheDir} (once; progress bar; MD5 checked) and extracts the
     * batch files into {@code cacheDir/cifar-10-batches-bin}, which it returns.
     *
     * @throws ChecksumException when the archive's MD5 is wrong
     */
    public static Path download(Path cacheDir) throws IOException {
        return download(URI.create(URL), MD5, cacheDir);
    }

    static Path download(URI uri, String md5, Path cacheDir) throws IOException {
        Path out = cacheDir.resolve(FOLDER);
        if (isComplete(out)) {
            return out;
        }
        Path archive = Download.fetch(uri, cacheDir.resolve("cifar-10-binary.tar.gz"), md5, 15_000);
        extract(archive, out);
        if (!isComplete(out)) {
            throw new IOException(archive + " did not contain the six CIFAR-10 batch files");
        }
        return out;
    }

    /** Extracts the {@code .bin} batch files (and nothing else) of the archive into {@code out}. */
    static void extract(Path archive, Path out) throws IOException {
        Set<String> wanted = new java.util.HashSet<>(TRAIN_FILES);
        wanted.add(TEST_FILE);
        wanted.add("batches.meta.txt");
        Files.createDirectories(out);
        try (InputStream raw = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = Path.of(e.getName()).getFileName().toString();
                if (e.isFile() && wanted.contains(name)) {
                    Path tmp = out.resolve(name + ".part");
                    Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * CIFAR-10 when it can be had (found, or downloaded unless {@code DLKIT_OFFLINE} is set), otherwise
     * Fashion-MNIST from Debian's {@code dataset-fashion-mnist} padded to 3×32×32. Prints one line saying which
     * data is used (and why), and returns it in {@link DataSplit#notice()}.
     */
    public static DataSplit loadOrSubstitute(int trainSize, int testSize) {
        return loadOrSubstitute(trainSize, testSize, locate(), DataEnv.offline(), DataEnv.cacheDir());
    }

    static DataSplit loadOrSubstitute(
            int trainSize, int testSize, Optional<Path> found, boolean offline, Path cacheDir) {
        Optional<Path> dir = found;
        if (dir.isEmpty() && !offline) {
            try {
                dir = Optional.of(download(cacheDir));
            } catch (IOException | RuntimeException e) {
                String why = e instanceof java.net.UnknownHostException
                                || e instanceof java.net.ConnectException
                                || e instanceof java.net.SocketTimeoutException
                        ? "no local copy, and " + URI.create(URL).getHost() + " cannot be reached"
                        : "no local copy, and the download failed: " + e;
                return substitute(trainSize, testSize, why);
            }
        }
        if (dir.isEmpty()) {
            return substitute(trainSize, testSize, "no local copy, and " + DataEnv.OFFLINE + " is set");
        }
        ImageSet train = load(dir.get(), true, trainSize);
        ImageSet test = load(dir.get(), false, testSize);
        String notice = String.format(
                "Data: CIFAR-10 from %s (%d training / %d test images).", dir.get(), train.size(), test.size());
        System.out.println(notice);
        return new DataSplit(train, test, notice);
    }

    private static DataSplit substitute(int trainSize, int testSize, String why) {
        Optional<Path> fm = FashionMnist.locate();
        if (fm.isEmpty()) {
            throw new IllegalStateException("CIFAR-10 is not available (" + why + ") and neither is the Fashion-MNIST "
                    + "substitute (apt-get install dataset-fashion-mnist). Download " + URL + ", extract it and set "
                    + DataEnv.DATA + " to the folder holding " + FOLDER + ".");
        }
        ImageSet train = FashionMnist.load(fm.get(), true, trainSize);
        ImageSet test = FashionMnist.load(fm.get(), false, testSize);
        String notice = String.format(
                "Data: CIFAR-10 is not available here (%s). Using Fashion-MNIST instead "
                        + "(Debian's dataset-fashion-mnist, %d training / %d test images, padded to 32x32 and copied to "
                        + "3 channels); numbers will differ from CIFAR-10. Set %s to a folder with %s to use CIFAR-10.",
                why, train.size(), test.size(), DataEnv.DATA, FOLDER);
        System.out.println(notice);
        return new DataSplit(train, test, notice);
    }
}
