package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AugmentationTest {

    /** One 1-channel 3×3 image with pixels 1..9, row by row. */
    private static INDArray nine() {
        return Nd4j.createFromArray(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}).reshape(1, 1, 3, 3);
    }

    private static float[] pixels(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @Test
    void centreOffsetWithoutFlip_isTheIdentity() {
        INDArray out = Augmentation.randomCrop(1).apply(nine(), new int[] {1}, new int[] {1}, new boolean[] {false});
        assertArrayEquals(pixels(nine()), pixels(out));
    }

    @Test
    void offsetZero_shiftsTheImageDownRight_andFillsTheBorder() {
        INDArray out =
                Augmentation.randomCrop(1).fill(-7).apply(nine(), new int[] {0}, new int[] {0}, new boolean[] {false});
        assertArrayEquals(new float[] {-7, -7, -7, -7, 1, 2, -7, 4, 5}, pixels(out));
    }

    @Test
    void largestOffset_shiftsUpLeft() {
        INDArray out = Augmentation.randomCrop(1).apply(nine(), new int[] {2}, new int[] {2}, new boolean[] {false});
        assertArrayEquals(new float[] {5, 6, 0, 8, 9, 0, 0, 0, 0}, pixels(out));
    }

    @Test
    void flip_mirrorsEachRow_afterTheCrop() {
        INDArray flipped = Augmentation.none().apply(nine(), new int[] {0}, new int[] {0}, new boolean[] {true});
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, pixels(flipped));
        // torchvision order: crop at dx = 0 (shift right, zero column on the left), then mirror.
        INDArray both = Augmentation.randomCrop(1).apply(nine(), new int[] {1}, new int[] {0}, new boolean[] {true});
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 0, 8, 7, 0}, pixels(both));
    }

    @Test
    void normalisedCrop_equalsCropThenNormalise_withBlackFill() {
        INDArray raw = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8);
        int[] dy = {0, 3};
        int[] dx = {4, 1};
        boolean[] flip = {true, false};
        INDArray cropThenNormalise = Normalization.normalize(
                Augmentation.randomCrop(2).apply(raw, dy, dx, flip), Normalization.CIFAR_MEAN, Normalization.CIFAR_STD);
        INDArray normaliseThenCrop = Augmentation.randomCrop(2)
                .fillBlack(Normalization.CIFAR_MEAN, Normalization.CIFAR_STD)
                .apply(Normalization.normalize(raw, Normalization.CIFAR_MEAN, Normalization.CIFAR_STD), dy, dx, flip);
        assertArrayEquals(pixels(cropThenNormalise), pixels(normaliseThenCrop), 1e-5f);
    }

    @Test
    void sameSeed_sameAugmentation_andTheInputIsUntouched() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 3, 32, 32);
        INDArray copy = x.dup();
        INDArray a = Augmentation.cifar(5).apply(x);
        INDArray b = Augmentation.cifar(5).apply(x);
        INDArray c = Augmentation.cifar(6).apply(x);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(copy, x);
        assertArrayEquals(x.shape(), a.shape());
    }

    @Test
    void offsetsCoverTheWholeRange_andAboutHalfAreFlipped() {
        // A 1×1 image padded by 2 sees its pixel at one of 5×5 offsets; only the centre keeps it.
        int n = 5000;
        INDArray ones = Nd4j.ones(DataType.FLOAT, n, 1, 1, 1);
        double kept = Augmentation.randomCrop(2).seed(1).apply(ones).sumNumber().doubleValue();
        assertEquals(n / 25.0, kept, 4 * Math.sqrt(n / 25.0), "P(centre offset) = 1/25");
        // Flip only: a 1×2 image [1, 0] becomes [0, 1] when flipped.
        INDArray pairs =
                Nd4j.createFromArray(new float[] {1, 0}).reshape(1, 1, 1, 2).repeat(0, n);
        double flipped = Augmentation.horizontalFlip(0.5)
                .seed(2)
                .apply(pairs)
                .get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(1))
                .sumNumber()
                .doubleValue();
        assertEquals(n / 2.0, flipped, 4 * Math.sqrt(n / 4.0));
        assertEquals(
                0,
                Augmentation.horizontalFlip(0)
                        .apply(pairs)
                        .sub(pairs)
                        .amaxNumber()
                        .doubleValue());
    }

    @Test
    void badInput_saysWhatIsWrong() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Augmentation.cifar(0).apply(Nd4j.zeros(4, 3072)));
        assertTrue(e.getMessage().contains("[N, C, H, W]"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Augmentation.cifar(0).apply(Nd4j.zeros(DataType.FLOAT, 1, 1, 4, 4)));
        assertTrue(e.getMessage().contains("fill has 3 values but the images have 1 channels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.randomCrop(-1));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.horizontalFlip(1.5));
    }
}
