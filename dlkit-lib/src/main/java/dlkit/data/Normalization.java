package dlkit.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-channel normalisation of {@code [N, C, H, W]} images, as {@code torchvision.transforms.Normalize}.
 * <pre>{@code
 * INDArray x = Normalization.normalize(images, Normalization.CIFAR_MEAN, Normalization.CIFAR_STD);
 * INDArray g = Normalization.normalize(gray, Normalization.GRAY_MEAN, Normalization.GRAY_STD);  // 1 channel
 * double[] m = Normalization.channelMeans(images);   // what the constants estimate
 * }</pre>
 */
public final class Normalization {

    /** The homework's CIFAR-10 channel means (R, G, B). */
    public static final double[] CIFAR_MEAN = {0.4914, 0.4822, 0.4465};
    /** The homework's CIFAR-10 channel standard deviations (R, G, B). */
    public static final double[] CIFAR_STD = {0.2023, 0.1994, 0.2010};

    /** The PyTorch tutorial's {@code Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))}: [0, 1] to [−1, 1]. */
    public static final double[] HALF_MEAN = {0.5, 0.5, 0.5};

    public static final double[] HALF_STD = {0.5, 0.5, 0.5};
    /** The same for one-channel (grayscale) images: {@code Normalize((0.5,), (0.5,))}. */
    public static final double[] GRAY_MEAN = {0.5};

    public static final double[] GRAY_STD = {0.5};

    private Normalization() {}

    /** {@code (x − mean_c) / std_c} for each channel c, as a new array. */
    public static INDArray normalize(INDArray x, double[] mean, double[] std) {
        INDArray[] ms = channelArrays(x, mean, std);
        return x.sub(ms[0]).divi(ms[1]);
    }

    /** The inverse, {@code x · std_c + mean_c}: back to [0, 1] for showing an image. */
    public static INDArray denormalize(INDArray x, double[] mean, double[] std) {
        INDArray[] ms = channelArrays(x, mean, std);
        return x.mul(ms[1]).addi(ms[0]);
    }

    /** The mean of each channel of {@code [N, C, H, W]} images, over all images and pixels. */
    public static double[] channelMeans(INDArray x) {
        requireRank4(x);
        return x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .mean(0, 2, 3)
                .toDoubleVector();
    }

    /** The (population) standard deviation of each channel of {@code [N, C, H, W]} images. */
    public static double[] channelStds(INDArray x) {
        requireRank4(x);
        return x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .std(false, 0, 2, 3)
                .toDoubleVector();
    }

    private static void requireRank4(INDArray x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(
                    "channel statistics need [N, C, H, W] images, got shape " + java.util.Arrays.toString(x.shape()));
        }
    }

    private static INDArray[] channelArrays(INDArray x, double[] mean, double[] std) {
        int c = x.rank() == 4 ? 1 : 0;
        if (x.size(c) != mean.length || mean.length != std.length) {
            throw new IllegalArgumentException("images have " + x.size(c) + " channels but mean/std have "
                    + mean.length + "/" + std.length + " values; pass one mean and one std per channel"
                    + (x.size(c) == 1 ? " (grayscale: GRAY_MEAN, GRAY_STD)" : ""));
        }
        long[] shape = x.rank() == 4 ? new long[] {1, mean.length, 1, 1} : new long[] {mean.length, 1, 1};
        INDArray m = Nd4j.createFromArray(mean).castTo(x.dataType()).reshape(shape);
        INDArray s = Nd4j.createFromArray(std).castTo(x.dataType()).reshape(shape);
        long[] full = x.shape();
        return new INDArray[] {m.broadcast(full), s.broadcast(full)};
    }
}
