package dlkit.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Per-channel normalisation of {@code [N, C, H, W]} images, as {@code torchvision.transforms.Normalize}. */
public final class Normalization {

    /** The homework's CIFAR-10 channel means (R, G, B). */
    public static final double[] CIFAR_MEAN = {0.4914, 0.4822, 0.4465};
    /** The homework's CIFAR-10 channel standard deviations (R, G, B). */
    public static final double[] CIFAR_STD = {0.2023, 0.1994, 0.2010};

    private Normalization() {
    }

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

    private static INDArray[] channelArrays(INDArray x, double[] mean, double[] std) {
        int c = x.rank() == 4 ? 1 : 0;
        if (x.size(c) != mean.length || mean.length != std.length) {
            throw new IllegalArgumentException("images have " + x.size(c) + " channels but mean/std have "
                    + mean.length + "/" + std.length);
        }
        long[] shape = x.rank() == 4 ? new long[] {1, mean.length, 1, 1} : new long[] {mean.length, 1, 1};
        INDArray m = Nd4j.createFromArray(mean).castTo(x.dataType()).reshape(shape);
        INDArray s = Nd4j.createFromArray(std).castTo(x.dataType()).reshape(shape);
        long[] full = x.shape();
        return new INDArray[] {m.broadcast(full), s.broadcast(full)};
    }
}
