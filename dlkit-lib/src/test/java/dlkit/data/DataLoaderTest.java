package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class DataLoaderTest {

    /** 10 one-pixel "images" whose value is their index; the label is one-hot of index % 10. */
    private static DataSet tenExamples() {
        INDArray x = Nd4j.arange(10).castTo(DataType.FLOAT).reshape(10, 1, 1, 1);
        INDArray y = Nd4j.eye(10).castTo(DataType.FLOAT);
        return new DataSet(x, y);
    }

    private static List<Integer> order(DataLoader loader, List<Integer> batchSizes) {
        List<Integer> seen = new ArrayList<>();
        for (DataSet b : loader) {
            batchSizes.add(b.numExamples());
            float[] xs = b.getFeatures().dup().data().asFloat();
            INDArray labels = b.getLabels().argMax(1);
            for (int i = 0; i < xs.length; i++) {
                assertEquals((int) xs[i], labels.getInt(i), "features and labels stay paired");
                seen.add((int) xs[i]);
            }
            assertEquals(4, b.getFeatures().rank());
        }
        return seen;
    }

    @Test
    void inOrder_batchesOfFourFourTwo() {
        DataLoader loader = new DataLoader(tenExamples(), 4);
        List<Integer> sizes = new ArrayList<>();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order(loader, sizes));
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(3, loader.size());
        assertEquals(10, loader.examples());
    }

    @Test
    void shuffled_everyEpochIsAPermutation_newEachEpoch_sameForTheSameSeed() {
        DataLoader a = new DataLoader(tenExamples(), 3, true, 42);
        List<Integer> e1 = order(a, new ArrayList<>());
        List<Integer> e2 = order(a, new ArrayList<>());
        int[] sorted = e1.stream().mapToInt(Integer::intValue).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
        assertFalse(e1.equals(e2), "a new order per epoch");
        DataLoader b = new DataLoader(tenExamples(), 3, true, 42);
        assertEquals(e1, order(b, new ArrayList<>()));
        assertEquals(e2, order(b, new ArrayList<>()));
    }

    @Test
    void transform_isAppliedToFeaturesOnly() {
        DataLoader loader = new DataLoader(tenExamples(), 5).transform(x -> x.mul(2));
        List<Float> xs = new ArrayList<>();
        for (DataSet b : loader) {
            for (float f : b.getFeatures().dup().data().asFloat()) {
                xs.add(f);
            }
            assertEquals(5, b.getLabels().sumNumber().intValue());
        }
        assertEquals(Arrays.asList(0f, 2f, 4f, 6f, 8f, 10f, 12f, 14f, 16f, 18f), xs);
    }

    @Test
    void indices_giveTheSameBatchesAsTheArrays_andOnlyRowNumbers() {
        DataLoader arrays = new DataLoader(tenExamples(), 4, true, 5);
        DataLoader rows = DataLoader.indices(10, 4, true, new java.util.Random(5));
        assertEquals(arrays.size(), rows.size());
        for (int epoch = 0; epoch < 2; epoch++) {
            List<Integer> expected = order(arrays, new ArrayList<>());
            List<Integer> got = new ArrayList<>();
            rows.indexBatches().forEachRemaining(b -> Arrays.stream(b).forEach(got::add));
            assertEquals(expected, got);
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> rows.batch(new int[] {0}));
    }
}
