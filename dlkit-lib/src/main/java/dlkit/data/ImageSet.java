package dlkit.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled colour images: {@code images} is {@code [N, 3, H, W]} float in [0, 1] (PyTorch's {@code ToTensor()}),
 * {@code labels} the class indices, {@code classes} their names, {@code source} where they came from.
 */
public record ImageSet(INDArray images, int[] labels, List<String> classes, String source) {

    public int size() {
        return labels.length;
    }

    /** The first {@code n} images (all if there are fewer). */
    public ImageSet head(int n) {
        if (n >= size()) {
            return this;
        }
        return new ImageSet(
                images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).dup(),
                java.util.Arrays.copyOf(labels, n),
                classes,
                source);
    }

    /** {@code (x − mean) / std} per channel (PyTorch's {@code Normalize(mean, std)}), as a new array. */
    public INDArray normalized(double[] mean, double[] std) {
        return Normalization.normalize(images, mean, std);
    }

    /** Normalised with the CIFAR-10 constants of the homework ({@link Normalization#CIFAR_MEAN}, {@code _STD}). */
    public INDArray normalized() {
        return normalized(Normalization.CIFAR_MEAN, Normalization.CIFAR_STD);
    }

    /** The number of colour channels (3 for RGB, 1 after {@link #grayscale()}). */
    public int channels() {
        return (int) images.size(1);
    }

    /**
     * The images in grayscale, {@code [N, 1, H, W]}: {@code 0.299 R + 0.587 G + 0.114 B} (ITU-R 601-2, as
     * torchvision's {@code Grayscale()}); one-channel images are returned as they are.
     */
    public ImageSet grayscale() {
        if (channels() == 1) {
            return this;
        }
        if (channels() != 3) {
            throw new IllegalArgumentException("grayscale needs RGB images (3 channels), these have " + channels());
        }
        INDArray weights = Nd4j.createFromArray(0.299f, 0.587f, 0.114f)
                .castTo(images.dataType())
                .reshape(1, 3, 1, 1);
        INDArray gray = images.mul(weights.broadcast(images.shape())).sum(true, 1);
        return new ImageSet(gray, labels, classes, source + ", grayscale");
    }

    /** One-hot labels, {@code [N, classes]} float. */
    public INDArray oneHot() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, size(), classes.size());
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1f);
        }
        return y;
    }

    /** Normalised images with one-hot labels, ready for a {@code Trainer}. */
    public DataSet toDataSet() {
        return new DataSet(normalized(), oneHot());
    }

    /** Images normalised with {@code mean, std} (one value per channel) and one-hot labels. */
    public DataSet toDataSet(double[] mean, double[] std) {
        return new DataSet(normalized(mean, std), oneHot());
    }

    /** Image {@code i} as {@code [3, H, W]} in [0, 1]. */
    public INDArray image(int i) {
        return images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup();
    }

    @Override
    public String toString() {
        return String.format(
                "ImageSet: %d images %s, %d classes, from %s",
                size(),
                java.util.Arrays.toString(java.util.Arrays.copyOfRange(images.shape(), 1, images.rank())),
                classes.size(),
                source);
    }
}
