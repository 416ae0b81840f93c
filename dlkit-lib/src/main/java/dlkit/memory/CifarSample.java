package dlkit.memory;

import dlkit.data.Cifar10;
import dlkit.data.CifarFormat;
import dlkit.data.DataEnv;
import dlkit.data.FashionMnist;
import dlkit.data.ImageSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training images of the GPUMemory notebook: a random subsample (with replacement, like
 * {@code torch.randint(len(data_train), (4096,))}) of the CIFAR-10 training set, pixels in [0, 1] with no
 * normalisation (the original's {@code ToTensor()}), resized per batch to the experiment's image size
 * (the original's {@code Resize((224, 224))}, bilinear).
 *
 * <p>Real CIFAR-10 is read from the official binary format ({@code cifar-10-batches-bin/data_batch_*.bin}) when it
 * is found (see {@link #findCifarDir()}) or can be downloaded; otherwise a stated substitute is used (see
 * {@link #load}). {@link #source()} says which.
 *
 * @param images [N, 3, 32, 32] float in [0, 1]
 * @param labels class per image, 0..9
 * @param source one line describing where the images come from
 * @param real   true for real CIFAR-10
 */
public record CifarSample(INDArray images, int[] labels, String source, boolean real) {

    public static final int CLASSES = 10;
    public static final int SIDE = CifarFormat.SIDE;
    private static final int IMAGE = CifarFormat.IMAGE_BYTES;
    private static final int PER_FILE = 10_000;

    /** Where real CIFAR-10 is looked for, in order (after {@link Cifar10#locate()}: {@code $DLKIT_DATA}, the cache). */
    public static List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        DataEnv.dataDir().ifPresent(d -> {
            dirs.add(d);
            dirs.add(d.resolve(Cifar10.FOLDER));
        });
        dirs.add(DataEnv.cacheDir().resolve(Cifar10.FOLDER));
        dirs.add(Path.of("data", Cifar10.FOLDER));
        dirs.add(Path.of("..", "data", Cifar10.FOLDER));
        return dirs;
    }

    /** The first folder on {@link #searchPath()} with {@code data_batch_1.bin} of the right size. */
    public static Optional<Path> findCifarDir() {
        Optional<Path> official = Cifar10.locate();
        if (official.isPresent()) {
            return official;
        }
        for (Path d : searchPath()) {
            Path f = d.resolve("data_batch_1.bin");
            try {
                if (Files.isRegularFile(f) && Files.size(f) == (long) CifarFormat.RECORD_BYTES * PER_FILE) {
                    return Optional.of(d);
                }
            } catch (IOException e) {
                // try the next
            }
        }
        return Optional.empty();
    }

    /**
     * {@code n} training images sampled with replacement (seeded), as {@code dlkit.data} finds data for the other
     * notebooks: real CIFAR-10 if found (or downloaded, unless {@code DLKIT_OFFLINE} is set); otherwise Fashion-MNIST
     * from Debian's dataset-fashion-mnist padded to 3×32×32; otherwise a synthetic stand-in. {@link #source()} says
     * which, and why.
     */
    public static CifarSample load(int n, long seed) {
        Optional<Path> dir = findCifarDir();
        String why = "no cifar-10-batches-bin folder found (looked in " + searchPath() + ")";
        if (dir.isEmpty() && !DataEnv.offline()) {
            try {
                dir = Optional.of(Cifar10.download(DataEnv.cacheDir()));
            } catch (IOException | RuntimeException e) {
                why = "no local copy, and the download failed: " + e.getMessage();
            }
        } else if (dir.isEmpty()) {
            why = DataEnv.OFFLINE + " is set and no local copy was found";
        }
        if (dir.isPresent()) {
            return real(dir.get(), n, seed);
        }
        Optional<Path> fm = FashionMnist.locate();
        if (fm.isPresent()) {
            return fashion(fm.get(), n, seed, why);
        }
        return synthetic(n, seed, why);
    }

    /** Fashion-MNIST (padded to 3×32×32 by dlkit.data) sampled with replacement, as the stated substitute. */
    static CifarSample fashion(Path dir, int n, long seed, String why) {
        int pool = Math.min(60_000, Math.max(4 * n, 5_000));
        ImageSet set = FashionMnist.load(dir, true, pool);
        Random rnd = new Random(seed);
        int[] idx = new int[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = rnd.nextInt(set.size());
            labels[i] = set.labels()[idx[i]];
        }
        INDArray flat = set.images().reshape('c', set.size(), 3L * SIDE * SIDE).getRows(idx);
        INDArray images = flat.reshape('c', n, 3, SIDE, SIDE).castTo(DataType.FLOAT);
        return new CifarSample(
                images,
                labels,
                String.format(
                        "SUBSTITUTE, not CIFAR-10: %,d Fashion-MNIST training "
                                + "images (Debian's dataset-fashion-mnist, padded to 32x32, 3 channels) sampled with replacement from "
                                + "the first %,d, seed %d, because %s. Set %s to a folder with %s to use CIFAR-10.",
                        n, set.size(), seed, why, DataEnv.DATA, Cifar10.FOLDER),
                false);
    }

    /**
     * Samples {@code n} images with replacement from the training batches in {@code dir} (the first of
     * {@code data_batch_1.bin} … {@code data_batch_5.bin} that are present, read by {@link CifarFormat}).
     */
    public static CifarSample real(Path dir, int n, long seed) {
        List<CifarFormat.Records> batches = new ArrayList<>();
        try {
            for (String f : Cifar10.TRAIN_FILES) {
                if (!Files.isRegularFile(dir.resolve(f))) {
                    break;
                }
                batches.add(CifarFormat.read(dir.resolve(f), Integer.MAX_VALUE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the index of each batch's first record, to map a sampled index to its file without concatenating them
        int[] first = new int[batches.size() + 1];
        for (int b = 0; b < batches.size(); b++) {
            first[b + 1] = first[b] + batches.get(b).count();
        }
        int total = first[batches.size()];
        Random rnd = new Random(seed);
        float[] px = new float[n * IMAGE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int idx = rnd.nextInt(total);
            int b = 0;
            while (idx >= first[b + 1]) {
                b++;
            }
            CifarFormat.Records r = batches.get(b);
            int rec = idx - first[b];
            labels[i] = r.labels()[rec];
            for (int k = 0; k < IMAGE; k++) {
                px[i * IMAGE + k] = (r.pixels()[rec * IMAGE + k] & 0xff) / 255f;
            }
        }
        INDArray images = Nd4j.create(px, new long[] {n, 3, SIDE, SIDE}, DataType.FLOAT);
        return new CifarSample(
                images,
                labels,
                String.format(
                        "CIFAR-10 (%s): %,d training images sampled with " + "replacement from %,d, seed %d",
                        dir, n, total, seed),
                true);
    }

    /**
     * A deterministic stand-in when CIFAR-10 is not available: each class is a stripe orientation (18° apart) of
     * low contrast on a random per-image colour, with a faint class tint, random phase and frequency and Gaussian
     * noise (σ = 0.2), so a ResNet learns it over a few epochs rather than instantly.
     */
    public static CifarSample synthetic(int n, long seed) {
        return synthetic(n, seed, "it was asked for");
    }

    /** As {@link #synthetic(int, long)}, saying why it is used. */
    public static CifarSample synthetic(int n, long seed, String why) {
        Random rnd = new Random(seed);
        float[] px = new float[n * 3 * SIDE * SIDE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(CLASSES);
            labels[i] = c;
            double theta = Math.PI * c / CLASSES;
            double freq = 0.3 + 0.3 * rnd.nextDouble();
            double phase = 2 * Math.PI * rnd.nextDouble();
            double contrast = 0.08 + 0.1 * rnd.nextDouble();
            double[] colour = new double[3];
            for (int ch = 0; ch < 3; ch++) {
                colour[ch] = 0.3 + 0.4 * rnd.nextDouble() + 0.05 * Math.cos(2 * Math.PI * c / CLASSES + 2.1 * ch);
            }
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        double s = Math.sin(freq * (x * Math.cos(theta) + y * Math.sin(theta)) + phase);
                        double v = colour[ch] + contrast * s + 0.2 * rnd.nextGaussian();
                        px[((i * 3 + ch) * SIDE + y) * SIDE + x] = (float) Math.min(1, Math.max(0, v));
                    }
                }
            }
        }
        INDArray images = Nd4j.create(px, new long[] {n, 3, SIDE, SIDE}, DataType.FLOAT);
        return new CifarSample(
                images,
                labels,
                String.format(
                        "SUBSTITUTE, not CIFAR-10: %,d synthetic 32×32 images "
                                + "(10 classes of faint oriented stripes + noise, seed %d), because %s",
                        n, seed, why),
                false);
    }

    public int size() {
        return labels.length;
    }

    /** The images {@code idx}, resized to {@code imageSize}×{@code imageSize}, with one-hot labels. */
    public DataSet batch(int[] idx, int imageSize) {
        INDArray x = images.reshape('c', size(), 3L * SIDE * SIDE).getRows(idx).reshape('c', idx.length, 3, SIDE, SIDE);
        if (imageSize != SIDE) {
            x = resizeBilinear(x, imageSize);
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, idx.length, CLASSES);
        for (int i = 0; i < idx.length; i++) {
            y.putScalar(i, labels[idx[i]], 1f);
        }
        return new DataSet(x, y);
    }

    /** Bilinear resize of [N, C, H, W] to square {@code size}, half-pixel centres (PyTorch's align_corners=False). */
    public static INDArray resizeBilinear(INDArray x, int size) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        float[] in = x.dup('c').data().asFloat();
        float[] out = new float[n * c * size * size];
        double sy = (double) h / size;
        double sx = (double) w / size;
        int[] x0 = new int[size];
        int[] x1 = new int[size];
        float[] fx = new float[size];
        for (int j = 0; j < size; j++) {
            double src = Math.max(0, (j + 0.5) * sx - 0.5);
            x0[j] = Math.min((int) src, w - 1);
            x1[j] = Math.min(x0[j] + 1, w - 1);
            fx[j] = (float) (src - x0[j]);
        }
        for (int p = 0; p < n * c; p++) {
            int ib = p * h * w;
            int ob = p * size * size;
            for (int i = 0; i < size; i++) {
                double src = Math.max(0, (i + 0.5) * sy - 0.5);
                int y0 = Math.min((int) src, h - 1);
                int y1 = Math.min(y0 + 1, h - 1);
                float fy = (float) (src - y0);
                for (int j = 0; j < size; j++) {
                    float a = in[ib + y0 * w + x0[j]] * (1 - fx[j]) + in[ib + y0 * w + x1[j]] * fx[j];
                    float b = in[ib + y1 * w + x0[j]] * (1 - fx[j]) + in[ib + y1 * w + x1[j]] * fx[j];
                    out[ob + i * size + j] = a * (1 - fy) + b * fy;
                }
            }
        }
        return Nd4j.create(out, new long[] {n, c, size, size}, DataType.FLOAT);
    }
}
