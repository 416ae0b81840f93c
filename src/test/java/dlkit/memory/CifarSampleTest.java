package dlkit.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class CifarSampleTest {

    @Test
    void syntheticIsDeterministicAndStated() {
        CifarSample a = CifarSample.synthetic(20, 7);
        CifarSample b = CifarSample.synthetic(20, 7);
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.images(), b.images());
        assertTrue(a.source().startsWith("SUBSTITUTE, not CIFAR-10"));
        assertTrue(a.images().minNumber().doubleValue() >= 0 && a.images().maxNumber().doubleValue() <= 1);
    }

    @Test
    void batchesResizeAndOneHot() {
        CifarSample s = CifarSample.synthetic(10, 1);
        DataSet ds = s.batch(new int[]{3, 1, 3}, 224);
        assertArrayEquals(new long[]{3, 3, 224, 224}, ds.getFeatures().shape());
        assertArrayEquals(new long[]{3, 10}, ds.getLabels().shape());
        assertEquals(1.0, ds.getLabels().getDouble(0, s.labels()[3]));
        assertEquals(3.0, ds.getLabels().sumNumber().doubleValue());
        DataSet same = s.batch(new int[]{1}, 32);
        assertEquals(s.images().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)), same.getFeatures());
    }

    @Test
    void bilinearResizeMatchesPyTorchOnARamp() {
        // F.interpolate(torch.tensor([[[[0., 1.], [2., 3.]]]]), size=4, mode='bilinear', align_corners=False)
        INDArray x = Nd4j.create(new float[]{0, 1, 2, 3}, new long[]{1, 1, 2, 2}, DataType.FLOAT);
        INDArray y = CifarSample.resizeBilinear(x, 4);
        float[] expectRow0 = {0f, 0.25f, 0.75f, 1f};
        float[] expectRow1 = {0.5f, 0.75f, 1.25f, 1.5f};
        for (int j = 0; j < 4; j++) {
            assertEquals(expectRow0[j], y.getFloat(0, 0, 0, j), 1e-6);
            assertEquals(expectRow1[j], y.getFloat(0, 0, 1, j), 1e-6);
        }
    }
}
