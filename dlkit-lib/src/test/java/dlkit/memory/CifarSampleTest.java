package dlkit.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.data.CifarFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class CifarSampleTest {

    @TempDir
    Path tmp;

    @Test
    void realSamplesRecordsWithReplacementAcrossTheBatchFiles() throws IOException {
        // two batch files of 3 records (data_batch_3.bin absent: reading stops there); pixel k of record r is r + k
        int perFile = 3;
        byte[][] labels = new byte[2][perFile];
        byte[][] pixels = new byte[2][perFile * CifarFormat.IMAGE_BYTES];
        for (int f = 0; f < 2; f++) {
            for (int r = 0; r < perFile; r++) {
                int record = f * perFile + r;
                labels[f][r] = (byte) (9 - record);
                for (int k = 0; k < CifarFormat.IMAGE_BYTES; k++) {
                    pixels[f][r * CifarFormat.IMAGE_BYTES + k] = (byte) (record * 40 + k);
                }
            }
            CifarFormat.write(tmp.resolve("data_batch_" + (f + 1) + ".bin"), labels[f], pixels[f]);
        }
        CifarSample s = CifarSample.real(tmp, 20, 5);
        assertTrue(s.real());
        assertTrue(s.source().contains("20 training images sampled with replacement from 6, seed 5"), s.source());
        assertArrayEquals(new long[] {20, 3, 32, 32}, s.images().shape());
        Random rnd = new Random(5);
        for (int i = 0; i < 20; i++) {
            int record = rnd.nextInt(6);
            assertEquals(9 - record, s.labels()[i]);
            for (int k : new int[] {0, 1, 1024, 3071}) {
                float expected = ((record * 40 + k) & 0xff) / 255f;
                assertEquals(
                        expected,
                        s.images().reshape(20, CifarFormat.IMAGE_BYTES).getFloat(i, k),
                        0f);
            }
        }
    }

    @Test
    void syntheticIsDeterministicAndStated() {
        CifarSample a = CifarSample.synthetic(20, 7);
        CifarSample b = CifarSample.synthetic(20, 7);
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.images(), b.images());
        assertTrue(a.source().startsWith("SUBSTITUTE, not CIFAR-10"));
        assertTrue(a.images().minNumber().doubleValue() >= 0
                && a.images().maxNumber().doubleValue() <= 1);
    }

    @Test
    void batchesResizeAndOneHot() {
        CifarSample s = CifarSample.synthetic(10, 1);
        DataSet ds = s.batch(new int[] {3, 1, 3}, 224);
        assertArrayEquals(new long[] {3, 3, 224, 224}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {3, 10}, ds.getLabels().shape());
        assertEquals(1.0, ds.getLabels().getDouble(0, s.labels()[3]));
        assertEquals(3.0, ds.getLabels().sumNumber().doubleValue());
        DataSet same = s.batch(new int[] {1}, 32);
        assertEquals(s.images().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)), same.getFeatures());
    }

    @Test
    void bilinearResizeMatchesPyTorchOnARamp() {
        // F.interpolate(torch.tensor([[[[0., 1.], [2., 3.]]]]), size=4, mode='bilinear', align_corners=False)
        INDArray x = Nd4j.create(new float[] {0, 1, 2, 3}, new long[] {1, 1, 2, 2}, DataType.FLOAT);
        INDArray y = CifarSample.resizeBilinear(x, 4);
        float[] expectRow0 = {0f, 0.25f, 0.75f, 1f};
        float[] expectRow1 = {0.5f, 0.75f, 1.25f, 1.5f};
        for (int j = 0; j < 4; j++) {
            assertEquals(expectRow0[j], y.getFloat(0, 0, 0, j), 1e-6);
            assertEquals(expectRow1[j], y.getFloat(0, 0, 1, j), 1e-6);
        }
    }
}
