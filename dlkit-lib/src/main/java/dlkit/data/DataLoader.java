package dlkit.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Mini-batches of a {@link DataSet}, like PyTorch's {@code DataLoader(dataset, batch_size, shuffle)}: every
 * {@code for} loop over it is one epoch, with a new order when shuffling (seeded, so runs repeat).
 * <pre>{@code
 * DataLoader trainLoader = new DataLoader(train.toDataSet(), 4, true, 7);
 * for (int epoch = 0; epoch < 2; epoch++) {
 *     for (DataSet batch : trainLoader) {       // features [4, 3, 32, 32], one-hot labels [4, 10]
 *         net.fit(batch);
 *     }
 * }
 * trainLoader.size()          // batches per epoch (the last one may be smaller)
 * }</pre>
 * An optional {@link #transform} (e.g. an {@link Augmentation}) is applied to every batch's features. A batch is a
 * copy of its rows, except one unshuffled batch of a whole two-dimensional data set, which is the data itself.
 */
public final class DataLoader implements Iterable<DataSet> {

    private final INDArray x2d;
    private final INDArray y2d;
    private final long[] xShape;
    private final long[] yShape;
    private final int examples;
    private final int batchSize;
    private final boolean shuffle;
    private final Random rng;
    private final UnaryOperator<INDArray> transform;

    /** Batches in order, not shuffled. */
    public DataLoader(DataSet data, int batchSize) {
        this(data, batchSize, false, 0);
    }

    /** Batches of {@code batchSize}; a new seeded order for every epoch when {@code shuffle}. */
    public DataLoader(DataSet data, int batchSize, boolean shuffle, long seed) {
        this(data.getFeatures(), data.getLabels(), batchSize, shuffle, new Random(seed), null);
    }

    /**
     * Batches of features {@code x} and targets {@code y} (one row per example); when {@code shuffle}, every epoch's
     * order is drawn from {@code rng} (a trainer passes the generator it seeded).
     */
    public DataLoader(INDArray x, INDArray y, int batchSize, boolean shuffle, Random rng) {
        this(x, y, batchSize, shuffle, rng, null);
    }

    private DataLoader(
            INDArray x, INDArray y, int batchSize, boolean shuffle, Random rng, UnaryOperator<INDArray> transform) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("features have " + x.size(0) + " rows but labels " + y.size(0));
        }
        this.xShape = x.shape();
        this.yShape = y.shape();
        this.x2d = x.rank() == 2 ? x : x.reshape('c', x.size(0), -1);
        this.y2d = y.rank() == 2 ? y : y.reshape('c', y.size(0), -1);
        this.examples = (int) x.size(0);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.rng = rng;
        this.transform = transform;
    }

    /** Batches of row numbers only, for data a caller keeps itself ({@link #indexBatches}); no {@link #batch}. */
    private DataLoader(int examples, int batchSize, boolean shuffle, Random rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.xShape = null;
        this.yShape = null;
        this.x2d = null;
        this.y2d = null;
        this.examples = examples;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.rng = rng;
        this.transform = null;
    }

    /**
     * A loader of row numbers {@code 0 … examples−1} in batches, for data held elsewhere (float arrays, files):
     * the same batches and seeded orders as a loader of arrays, through {@link #indexBatches}.
     */
    public static DataLoader indices(int examples, int batchSize, boolean shuffle, Random rng) {
        return new DataLoader(examples, batchSize, shuffle, rng);
    }

    /** The same loader with {@code transform} applied to every batch's features (labels unchanged). */
    public DataLoader transform(UnaryOperator<INDArray> transform) {
        requireArrays();
        return new DataLoader(x2d.reshape('c', xShape), y2d.reshape('c', yShape), batchSize, shuffle, rng, transform);
    }

    /** Batches per epoch. */
    public int size() {
        return (int) ((examples() + batchSize - 1) / batchSize);
    }

    /** Examples per epoch. */
    public long examples() {
        return examples;
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * One epoch of batches as row numbers (a new permutation when shuffling): what {@link #iterator} copies rows
     * by, and what a training loop over data kept elsewhere uses.
     */
    public Iterator<int[]> indexBatches() {
        int n = examples;
        int[] order = shuffle ? shuffledOrder(n) : null;
        return new Iterator<>() {
            private int from = 0;

            @Override
            public boolean hasNext() {
                return from < n;
            }

            @Override
            public int[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(n, from + batchSize);
                int[] rows = new int[to - from];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = order == null ? from + i : order[from + i];
                }
                from = to;
                return rows;
            }
        };
    }

    /** The examples {@code rows} as one batch (features transformed when the loader has a transform). */
    public DataSet batch(int[] rows) {
        requireArrays();
        INDArray xb = rows(x2d, xShape, rows, shuffle);
        INDArray yb = rows(y2d, yShape, rows, shuffle);
        return new DataSet(transform == null ? xb : transform.apply(xb), yb);
    }

    /** One epoch of batches (a new permutation when shuffling). */
    @Override
    public Iterator<DataSet> iterator() {
        requireArrays();
        Iterator<int[]> batches = indexBatches();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public DataSet next() {
                return batch(batches.next());
            }
        };
    }

    private void requireArrays() {
        if (x2d == null) {
            throw new IllegalStateException(
                    "this loader gives row numbers only (DataLoader.indices): use indexBatches()");
        }
    }

    private static INDArray rows(INDArray a2d, long[] shape, int[] rows, boolean shuffled) {
        int from = rows.length == 0 ? 0 : rows[0];
        boolean contiguous = true;
        for (int i = 1; i < rows.length && contiguous; i++) {
            contiguous = rows[i] == from + i;
        }
        int to = from + rows.length;
        if (!shuffled && contiguous && from == 0 && to == a2d.size(0) && shape.length == 2) {
            return a2d; // full-batch training: the same array every step, which a fast path need not copy again
        }
        INDArray picked = contiguous
                ? a2d.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c')
                : Nd4j.pullRows(a2d, 1, rows);
        long[] s = shape.clone();
        s[0] = rows.length;
        return picked.reshape('c', s);
    }

    @Override
    public String toString() {
        return String.format(
                "DataLoader: %d examples in %d batches of %d%s",
                examples(), size(), batchSize, shuffle ? ", shuffled" : "");
    }

    private synchronized int[] shuffledOrder(int n) {
        return Permutations.random(n, rng);
    }
}
