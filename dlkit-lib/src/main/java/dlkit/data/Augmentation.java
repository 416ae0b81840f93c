package dlkit.data;

import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random crop with padding and random horizontal flip of {@code [N, C, H, W]} image batches, as torchvision's
 * {@code RandomCrop(H, padding=p)} followed by {@code RandomHorizontalFlip(prob)}, with its own seeded generator.
 * <pre>{@code
 * Augmentation aug = Augmentation.randomCrop(4).withFlip(0.5).seed(0);              // images in [0, 1]
 * Augmentation aug = Augmentation.cifar(0);    // the same for CIFAR-normalised images (pads with black)
 * INDArray out = aug.apply(batch);             // a new array; the batch is not changed
 * Trainer.builder().augment(aug)...            // a fresh crop and flip for every training batch
 * }</pre>
 * Each image gets its own offset {@code dy, dx} uniform in {@code 0..2p} and its own coin flip. The padding is
 * filled with {@code fill[c]} per channel (default 0, black for images in [0, 1]). On normalised images black is
 * {@code (0 − mean_c) / std_c}: {@link #fillBlack(double[], double[])} sets that, so cropping normalised images
 * gives exactly what torchvision gives by cropping before {@code Normalize}. The same seed gives the same
 * sequence of crops and flips.
 */
public final class Augmentation implements UnaryOperator<INDArray> {

    private final int padding;
    private final double flipProbability;
    private final double[] fill;
    private final long seed;
    private Random rng;

    private Augmentation(int padding, double flipProbability, double[] fill, long seed) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        if (!(flipProbability >= 0 && flipProbability <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + flipProbability);
        }
        this.padding = padding;
        this.flipProbability = flipProbability;
        this.fill = fill;
        this.seed = seed;
        this.rng = new Random(seed);
    }

    /** Random crops of the original size from the image padded by {@code padding} pixels on every side; no flip. */
    public static Augmentation randomCrop(int padding) {
        return new Augmentation(padding, 0, null, 0);
    }

    /** Only random horizontal flips, each image with probability {@code probability}. */
    public static Augmentation horizontalFlip(double probability) {
        return new Augmentation(0, probability, null, 0);
    }

    /** No change at all (padding 0, never flipped): the baseline. */
    public static Augmentation none() {
        return new Augmentation(0, 0, null, 0);
    }

    /** The lab's augmentation for CIFAR-normalised images: crop with padding 4, flip with probability 0.5. */
    public static Augmentation cifar(long seed) {
        return randomCrop(4)
                .withFlip(0.5)
                .fillBlack(Normalization.CIFAR_MEAN, Normalization.CIFAR_STD)
                .seed(seed);
    }

    /** The same augmentation, also flipping with probability {@code probability}. */
    public Augmentation withFlip(double probability) {
        return new Augmentation(padding, probability, fill, seed);
    }

    /** The same augmentation with padding {@code padding}. */
    public Augmentation withCrop(int padding) {
        return new Augmentation(padding, flipProbability, fill, seed);
    }

    /** Padding value per channel. */
    public Augmentation fill(double... perChannel) {
        return new Augmentation(padding, flipProbability, perChannel.clone(), seed);
    }

    /** Pads with black on images normalised with {@code mean, std}: {@code −mean_c / std_c}. */
    public Augmentation fillBlack(double[] mean, double[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " values but std has " + std.length);
        }
        double[] f = new double[mean.length];
        for (int c = 0; c < f.length; c++) {
            f[c] = -mean[c] / std[c];
        }
        return fill(f);
    }

    /** The same augmentation with a fresh generator seeded with {@code seed}. */
    public Augmentation seed(long seed) {
        return new Augmentation(padding, flipProbability, fill, seed);
    }

    public int padding() {
        return padding;
    }

    public double flipProbability() {
        return flipProbability;
    }

    /** Crops and flips every image of {@code batch} ({@code [N, C, H, W]}); returns a new float array. */
    @Override
    public INDArray apply(INDArray batch) {
        if (batch.rank() != 4) {
            throw new IllegalArgumentException(
                    "augmentation takes [N, C, H, W] images, got shape " + Arrays.toString(batch.shape()));
        }
        int n = (int) batch.size(0);
        int[] dy = new int[n];
        int[] dx = new int[n];
        boolean[] flip = new boolean[n];
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                // Same draw order as torchvision per image: crop offsets first, then the flip.
                dy[i] = padding == 0 ? 0 : rng.nextInt(2 * padding + 1);
                dx[i] = padding == 0 ? 0 : rng.nextInt(2 * padding + 1);
                flip[i] = flipProbability > 0 && rng.nextDouble() < flipProbability;
            }
        }
        return apply(batch, dy, dx, flip);
    }

    /**
     * The deterministic core: image {@code i} is padded, cropped at offset {@code (dy[i], dx[i])} of the padded
     * image (0..2p; {@code p, p} is the identity) and then mirrored left–right when {@code flip[i]}.
     */
    INDArray apply(INDArray batch, int[] dy, int[] dx, boolean[] flip) {
        int n = (int) batch.size(0);
        int channels = (int) batch.size(1);
        int h = (int) batch.size(2);
        int w = (int) batch.size(3);
        if (fill != null && fill.length != channels) {
            throw new IllegalArgumentException(
                    "the fill has " + fill.length + " values but the images have " + channels + " channels");
        }
        float[] in = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[in.length];
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            int oy = dy[i] - padding;
            int ox = dx[i] - padding;
            for (int c = 0; c < channels; c++) {
                int base = (i * channels + c) * plane;
                float f = fill == null ? 0f : (float) fill[c];
                for (int y = 0; y < h; y++) {
                    int sy = y + oy;
                    for (int x = 0; x < w; x++) {
                        int sx = (flip[i] ? w - 1 - x : x) + ox;
                        out[base + y * w + x] = sy < 0 || sy >= h || sx < 0 || sx >= w ? f : in[base + sy * w + sx];
                    }
                }
            }
        }
        return Nd4j.create(out, batch.shape(), 'c');
    }

    @Override
    public String toString() {
        return "Augmentation(random crop, padding " + padding + "; horizontal flip, p = " + flipProbability + ")";
    }
}
