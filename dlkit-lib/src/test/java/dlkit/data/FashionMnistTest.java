package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FashionMnistTest {

    @Test
    void debianFiles_loadAsPaddedThreeChannelImages() {
        assumeTrue(FashionMnist.locate().isPresent(), "dataset-fashion-mnist is not installed");
        ImageSet s = FashionMnist.load(FashionMnist.DEBIAN_DIR, false, 20);
        assertEquals(20, s.size());
        assertArrayEquals(new long[] {20, 3, 32, 32}, s.images().shape());
        assertEquals(
                0.0,
                s.images()
                        .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all())
                        .sumNumber()
                        .doubleValue(),
                0,
                "2-pixel black border");
        assertEquals(
                s.image(3).get(NDArrayIndex.point(0)), s.image(3).get(NDArrayIndex.point(2)), "gray in 3 channels");
        assertTrue(s.images().maxNumber().doubleValue() <= 1.0
                && s.images().maxNumber().doubleValue() > 0.5);
        assertEquals(9, s.labels()[0], "the first Fashion-MNIST test image is an ankle boot");
        assertTrue(s.source().startsWith("Fashion-MNIST"));
    }
}
