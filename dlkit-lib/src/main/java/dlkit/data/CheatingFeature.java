package dlkit.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The "cheating feature" of the dropout homework's part (I): the label written into the image.
 *
 * <p>For each (normalised) image the label becomes 4 bits, most significant first (6 → 0 1 1 0), times 3. The last
 * 4 pixels of the bottom row get these values in the red channel and {@code 1 − value} in green and blue: red 0 or
 * 3, green/blue 1 or −2. A network can read the label off these pixels instead of looking at the picture.
 */
public final class CheatingFeature {

    private CheatingFeature() {}

    /** A copy of the {@code [N, 3, H, W]} images with the feature added ({@code add_cheating_feature}). */
    public static INDArray add(INDArray images, int[] labels) {
        return addInPlace(images.dup(), labels);
    }

    /** Adds the feature to {@code images} itself, as the PyTorch original does, and returns it. */
    public static INDArray addInPlace(INDArray images, int[] labels) {
        if (images.rank() != 4 || images.size(1) != 3) {
            throw new IllegalArgumentException(
                    "expected [N, 3, H, W] images, got " + java.util.Arrays.toString(images.shape()));
        }
        if (images.size(0) != labels.length) {
            throw new IllegalArgumentException(images.size(0) + " images but " + labels.length + " labels");
        }
        long h = images.size(2);
        long w = images.size(3);
        for (int i = 0; i < labels.length; i++) {
            int[] bits = bits(labels[i]);
            for (int k = 0; k < 4; k++) {
                double v = bits[k] * 3;
                long col = w - 4 + k;
                images.putScalar(new long[] {i, 0, h - 1, col}, v);
                images.putScalar(new long[] {i, 1, h - 1, col}, 1 - v);
                images.putScalar(new long[] {i, 2, h - 1, col}, 1 - v);
            }
        }
        return images;
    }

    /** The label as 4 bits, most significant first. */
    public static int[] bits(int label) {
        if (label < 0 || label > 15) {
            throw new IllegalArgumentException("the feature encodes labels 0-15 in 4 bits, got " + label);
        }
        return new int[] {(label >> 3) & 1, (label >> 2) & 1, (label >> 1) & 1, label & 1};
    }
}
