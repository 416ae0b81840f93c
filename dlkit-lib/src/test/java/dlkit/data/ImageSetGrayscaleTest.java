package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageSetGrayscaleTest {

    /** Two 1×2 RGB images: pure red and white; pure green and pure blue. */
    private static ImageSet rgb() {
        INDArray x = Nd4j.createFromArray(new float[] {
                    1, 1, /* G */ 0, 1, /* B */ 0, 1,
                    0, 0, /* G */ 1, 0, /* B */ 0, 1
                })
                .reshape(2, 3, 1, 2);
        return new ImageSet(x, new int[] {0, 1}, List.of("a", "b"), "test");
    }

    @Test
    void grayscale_usesTorchvisionWeights() {
        ImageSet g = rgb().grayscale();
        assertArrayEquals(new long[] {2, 1, 1, 2}, g.images().shape());
        assertArrayEquals(
                new float[] {0.299f, 1f, 0.587f, 0.114f},
                g.images().dup().data().asFloat(),
                1e-6f);
        assertEquals(1, g.channels());
        assertSame(g, g.grayscale());
        assertTrue(g.source().endsWith("grayscale"));
    }

    @Test
    void grayDataSet_isNormalisedWithOneMeanAndStd() {
        ImageSet g = rgb().grayscale();
        INDArray x =
                g.toDataSet(Normalization.GRAY_MEAN, Normalization.GRAY_STD).getFeatures();
        assertArrayEquals(
                new float[] {-0.402f, 1f, 0.174f, -0.772f}, x.dup().data().asFloat(), 1e-5f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, g::toDataSet);
        assertTrue(e.getMessage().contains("GRAY_MEAN"), e.getMessage());
    }

    @Test
    void channelStatistics_areExact() {
        double[] m = Normalization.channelMeans(rgb().images());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, m, 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, Normalization.channelStds(rgb().images()), 1e-12);
        INDArray n = Normalization.normalize(rgb().images(), m, Normalization.channelStds(rgb().images()));
        assertArrayEquals(new double[] {0, 0, 0}, Normalization.channelMeans(n), 1e-7);
        assertArrayEquals(new double[] {1, 1, 1}, Normalization.channelStds(n), 1e-6);
        assertThrows(
                IllegalArgumentException.class, () -> Normalization.channelMeans(Nd4j.zeros(DataType.FLOAT, 3, 4)));
    }
}
