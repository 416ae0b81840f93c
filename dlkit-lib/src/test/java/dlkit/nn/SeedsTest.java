package dlkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SeedsTest {

    @Test
    @DisplayName("the same seed twice in one JVM gives the same numbers, seed 0 included")
    void set_repeatsTheStream_evenForSeedZero() {
        for (long seed : new long[] {0, 42}) {
            Seeds.set(seed);
            INDArray a = Nd4j.rand(3, 3);
            Nd4j.randn(7, 5); // advance the generator
            Seeds.set(seed);
            INDArray b = Nd4j.rand(3, 3);
            assertEquals(a, b, "seed " + seed);
        }
        Seeds.set(1);
        INDArray c = Nd4j.rand(3, 3);
        Seeds.set(2);
        assertNotEquals(c, Nd4j.rand(3, 3));
    }

    @Test
    @DisplayName("a ConvNet built twice with seed 0 starts from the same weights")
    void networksWithSeedZero_areReproducible() {
        MultiLayerNetwork a = ConvNet.create(0, 0);
        Nd4j.rand(10, 10);
        MultiLayerNetwork b = ConvNet.create(0, 0);
        assertEquals(a.params(), b.params());
        assertNotEquals(a.params(), ConvNet.create(0, 1).params());
    }
}
