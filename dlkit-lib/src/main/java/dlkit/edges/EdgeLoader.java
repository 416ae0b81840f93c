package dlkit.edges;

import dlkit.data.DataLoader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code DataLoader(dataset, batch_size, shuffle)}: the dataset in mini-batches of [b, 1, 28, 28] images and one-hot
 * labels, reshuffled at every pass when {@code shuffle} is on (from its own seeded generator; the batches and orders
 * are those of a {@link DataLoader}, which {@link #loader} gives to the {@code Trainer}).
 *
 * <pre>{@code
 * EdgeLoader trainLoader = new EdgeLoader(trainSet, 10, true);
 * EdgeLoader validLoader = new EdgeLoader(validSet, 256, false);
 * }</pre>
 */
public final class EdgeLoader {

    private final EdgeDetectionDataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final DataLoader rows;
    private final float[] pixels;
    private final int[] labels;

    public EdgeLoader(EdgeDetectionDataset dataset, int batchSize, boolean shuffle) {
        this(dataset, batchSize, shuffle, 0);
    }

    public EdgeLoader(EdgeDetectionDataset dataset, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.rows = DataLoader.indices(dataset.size(), batchSize, shuffle, new Random(seed));
        int px = EdgeDetectionDataset.SIZE * EdgeDetectionDataset.SIZE;
        this.pixels = new float[dataset.size() * px];
        for (int i = 0; i < dataset.size(); i++) {
            int[] raw = dataset.rawPixels(i);
            for (int p = 0; p < px; p++) {
                pixels[i * px + p] = raw[p] / 255f;
            }
        }
        this.labels = dataset.labels();
    }

    public EdgeDetectionDataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public int size() {
        return labels.length;
    }

    public int numClasses() {
        return dataset.numClasses();
    }

    /** The batches of one pass: index lists in order, or a fresh random order when shuffling. */
    public List<int[]> batchIndices() {
        List<int[]> out = new ArrayList<>();
        for (Iterator<int[]> it = rows.indexBatches(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    /** The image numbers in batches, for a training loop; each pass draws from the same generator as {@link #batchIndices}. */
    public DataLoader loader() {
        return rows;
    }

    /** Images {@code idx} as [b, 1, 28, 28]. */
    public INDArray features(int[] idx) {
        return Nd4j.create(
                pixels(idx),
                new long[] {idx.length, 1, EdgeDetectionDataset.SIZE, EdgeDetectionDataset.SIZE},
                DataType.FLOAT);
    }

    /** Images {@code idx} as one row-major float array (values k/255), what {@link #features} wraps. */
    float[] pixels(int[] idx) {
        int px = EdgeDetectionDataset.SIZE * EdgeDetectionDataset.SIZE;
        float[] out = new float[idx.length * px];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(pixels, idx[k] * px, out, k * px, px);
        }
        return out;
    }

    /** One-hot labels of {@code idx}, [b, classes]. */
    public INDArray oneHot(int[] idx) {
        int c = numClasses();
        float[] out = new float[idx.length * c];
        for (int k = 0; k < idx.length; k++) {
            out[k * c + labels[idx[k]]] = 1f;
        }
        return Nd4j.create(out, new long[] {idx.length, c}, DataType.FLOAT);
    }

    /** Class labels of {@code idx}. */
    public int[] labels(int[] idx) {
        int[] out = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = labels[idx[k]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "EdgeLoader(" + size() + " images, batch " + batchSize + (shuffle ? ", shuffled" : "") + ")";
    }
}
