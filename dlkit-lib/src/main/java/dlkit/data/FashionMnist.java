package dlkit.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fashion-MNIST (28×28 gray clothing images, 10 classes) from Debian's {@code dataset-fashion-mnist} package
 * ({@code /usr/share/datasets/fashion-mnist}, IDX files), shaped like CIFAR-10: padded with 2 black pixels on each
 * side to 32×32 and copied into 3 channels. The stand-in when CIFAR-10 cannot be had offline.
 */
public final class FashionMnist {

    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {}

    public static Optional<Path> locate() {
        return Files.isRegularFile(DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz"))
                ? Optional.of(DEBIAN_DIR)
                : Optional.empty();
    }

    /** The first {@code limit} training or test images, as {@code [N, 3, 32, 32]} floats in [0, 1]. */
    public static ImageSet load(Path dir, boolean train, int limit) {
        String prefix = train ? "train" : "t10k";
        try {
            Idx images = Idx.read(dir.resolve(prefix + "-images-idx3-ubyte.gz"), limit);
            Idx labels = Idx.read(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), limit);
            return new ImageSet(
                    padToCifar(images),
                    labels.asInts(),
                    CLASSES,
                    "Fashion-MNIST " + (train ? "training" : "test") + " images from " + dir + " (padded to 3x32x32)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static INDArray padToCifar(Idx idx) {
        int n = idx.dims()[0];
        int h = idx.dims()[1];
        int w = idx.dims()[2];
        int side = CifarFormat.SIDE;
        int top = (side - h) / 2;
        int left = (side - w) / 2;
        float[] out = new float[n * 3 * side * side];
        byte[] px = idx.data();
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    float v = (px[(i * h + r) * w + c] & 0xFF) / 255f;
                    for (int ch = 0; ch < 3; ch++) {
                        out[((i * 3 + ch) * side + r + top) * side + c + left] = v;
                    }
                }
            }
        }
        return Nd4j.create(out, new long[] {n, 3, side, side}, 'c');
    }

    /** An IDX file (the MNIST format): unsigned bytes with their dimensions. */
    record Idx(int[] dims, byte[] data) {

        static Idx read(Path file, int limit) throws IOException {
            try (InputStream raw = Files.newInputStream(file);
                    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                            file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw))) {
                int magic = in.readInt();
                if ((magic >>> 8) != 0x08) {
                    throw new IOException(
                            file + " is not an IDX file of unsigned bytes (magic " + Integer.toHexString(magic) + ")");
                }
                int[] dims = new int[magic & 0xFF];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = in.readInt();
                }
                dims[0] = Math.min(dims[0], limit);
                long size = 1;
                for (int d : dims) {
                    size *= d;
                }
                byte[] data = new byte[(int) size];
                in.readFully(data);
                return new Idx(dims, data);
            }
        }

        int[] asInts() {
            int[] v = new int[data.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = data[i] & 0xFF;
            }
            return v;
        }
    }
}
