package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheatingFeatureTest {

    @Test
    void bits_areMostSignificantFirst() {
        assertArrayEquals(new int[] {0, 1, 1, 0}, CheatingFeature.bits(6));
        assertArrayEquals(new int[] {1, 0, 0, 1}, CheatingFeature.bits(9));
        assertArrayEquals(new int[] {0, 0, 0, 0}, CheatingFeature.bits(0));
    }

    @Test
    @DisplayName("label 6: red gets 0 3 3 0 and green/blue 1 -2 -2 1 in the last 4 pixels of the bottom row")
    void add_writesTheLabelIntoTheBottomRightPixels() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 3, 32, 32).addi(0.5);
        INDArray y = CheatingFeature.add(x, new int[] {6, 9});
        double[] red = y.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(31),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(28, 32))
                .toDoubleVector();
        assertArrayEquals(new double[] {0, 3, 3, 0}, red, 0);
        for (int ch = 1; ch < 3; ch++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(new double[] {1, -2, -2, 1}[k], y.getDouble(0, ch, 31, 28 + k), 0);
            }
        }
        assertEquals(3.0, y.getDouble(1, 0, 31, 28), 0);
        assertEquals(-2.0, y.getDouble(1, 2, 31, 31), 0);
        // nothing else changes, and the input is left alone
        assertEquals(0.5, y.getDouble(0, 0, 31, 27), 0);
        assertEquals(0.5, y.getDouble(0, 0, 30, 31), 0);
        assertEquals(0.5 * 2 * 3 * 32 * 32, x.sumNumber().doubleValue(), 1e-3);
    }

    @Test
    void addInPlace_changesAndReturnsTheSameArray() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 3, 32, 32);
        assertSame(x, CheatingFeature.addInPlace(x, new int[] {15}));
        assertEquals(4 * 3 + 2 * 4 * (-2), x.sumNumber().doubleValue(), 1e-6);
    }

    @Test
    void normalization_roundTrips() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4);
        INDArray n = Normalization.normalize(x, Normalization.CIFAR_MEAN, Normalization.CIFAR_STD);
        assertEquals((x.getDouble(1, 2, 3, 3) - 0.4465) / 0.2010, n.getDouble(1, 2, 3, 3), 1e-5);
        INDArray back = Normalization.denormalize(n, Normalization.CIFAR_MEAN, Normalization.CIFAR_STD);
        assertEquals(0, back.sub(x).amaxNumber().doubleValue(), 1e-5);
    }
}
