package dlkit.edges;

import dlkit.data.Permutations;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The synthetic edge images of the EdgeDetection homework: 28×28 gray images of one class each, generated
 * class by class in {@code classTypes} order (label = index in that list; by default 0 = horizontal,
 * 1 = vertical, 2 = none).
 *
 * <pre>{@code
 * EdgeDetectionDataset ds = EdgeDetectionDataset.builder().dataPerClass(10).seed(10).build();
 * EdgeDetectionDataset shifted = EdgeDetectionDataset.builder().dataPerClass(50)
 *         .possibleEdgeLocationRatio(0.5).mode("valid").seed(10).build();
 * }</pre>
 *
 * <p>Generation follows the Sp25 {@code EdgeDetectionDataset} draw by draw, with a seeded {@link Random} in place
 * of NumPy's global generator (the same kind of data, not the same bits):
 * <ul>
 *   <li>background: one value U(0, 0.2) per image;</li>
 *   <li>bars: widths uniform in 1..4 (diagonal: always 1), start row/column uniform in 0..28 − w (with
 *       {@code possibleEdgeLocationRatio} 0.5: train bars in rows/columns 0..13, valid bars in 14..27), then
 *       intensities U(0.25, 1);</li>
 *   <li>"both": a horizontal and a vertical bar at the same index, the vertical one drawn last;</li>
 *   <li>"diagonal": a horizontal (even image) or vertical (odd image) bar rotated by 30, 45, 120 or 135 degrees
 *       with a cubic spline, the outside filled with the background;</li>
 *   <li>optional pixel permutation: new pixel p = old pixel {@code permutation[p]};</li>
 *   <li>quantisation as {@code (X*255).astype(np.uint8)}: truncation and C-style wrap-around, so the spline's
 *       undershoot below 0 (and overshoot above 1) gives a few speckle pixels in diagonal images, as in the
 *       original. Pixel values are k/255.</li>
 * </ul>
 */
public final class EdgeDetectionDataset {

    /** The three classes of Q1–Q5, in label order. */
    public static final List<String> THREE_CLASSES = List.of("horizontal", "vertical", "none");
    /** The five classes of Q6, in label order. */
    public static final List<String> FIVE_CLASSES = List.of("horizontal", "vertical", "diagonal", "both", "none");
    /** Image side in pixels. */
    public static final int SIZE = 28;

    private static final int[] ANGLES = {30, 45, 120, 135};

    private final Builder config;
    private final int[][] pixels; // uint8 values, one row of SIZE*SIZE per image
    private final int[] labels;

    private EdgeDetectionDataset(Builder b, int[][] pixels, int[] labels) {
        this.config = b;
        this.pixels = pixels;
        this.labels = labels;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A random permutation of 0..n-1 (Fisher–Yates with a seeded generator), like {@code np.random.shuffle}. */
    public static int[] randomPermutation(int n, long seed) {
        return Permutations.random(n, new Random(seed));
    }

    /** The inverse permutation ({@code np.argsort(p)}): {@code inverse(p)[p[i]] == i}. */
    public static int[] inverse(int[] permutation) {
        int[] inv = new int[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            inv[permutation[i]] = i;
        }
        return inv;
    }

    /** Applies a pixel permutation to one flattened image: {@code out[p] = image[permutation[p]]}. */
    public static int[] permute(int[] image, int[] permutation) {
        int[] out = new int[image.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = image[permutation[p]];
        }
        return out;
    }

    public int size() {
        return labels.length;
    }

    public int numClasses() {
        return config.classTypes.size();
    }

    public List<String> classTypes() {
        return config.classTypes;
    }

    public int dataPerClass() {
        return config.dataPerClass;
    }

    public String mode() {
        return config.mode;
    }

    /** Labels, one per image (class index in {@link #classTypes()}); images are ordered by class blocks. */
    public int[] labels() {
        return labels.clone();
    }

    public int label(int i) {
        return labels[i];
    }

    /** The permutation applied to the pixels, or null. */
    public int[] permutation() {
        return config.permutation == null ? null : config.permutation.clone();
    }

    /** Image {@code i}'s uint8 values, row-major, {@code SIZE*SIZE} long. */
    public int[] rawPixels(int i) {
        return pixels[i].clone();
    }

    /** Image {@code i} as {@code [row][column]} intensities k/255 (what {@code T.ToTensor()} gives). */
    public double[][] image(int i) {
        return toImage(pixels[i]);
    }

    /** Image {@code i} with the pixel permutation undone (the image itself when there is none). */
    public double[][] unpermutedImage(int i) {
        return config.permutation == null ? image(i) : toImage(permute(pixels[i], inverse(config.permutation)));
    }

    /** All images as a float array [N, 1, 28, 28] with values k/255. */
    public INDArray features() {
        float[] data = new float[size() * SIZE * SIZE];
        for (int i = 0; i < size(); i++) {
            for (int p = 0; p < SIZE * SIZE; p++) {
                data[i * SIZE * SIZE + p] = pixels[i][p] / 255f;
            }
        }
        return Nd4j.create(data, new long[] {size(), 1, SIZE, SIZE}, DataType.FLOAT);
    }

    /** One-hot labels [N, numClasses]. */
    public INDArray oneHotLabels() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, size(), numClasses());
        for (int i = 0; i < size(); i++) {
            y.putScalar(i, labels[i], 1f);
        }
        return y;
    }

    /** Features and one-hot labels as a DL4J DataSet. */
    public DataSet toDataSet() {
        return new DataSet(features(), oneHotLabels());
    }

    private static double[][] toImage(int[] flat) {
        double[][] img = new double[SIZE][SIZE];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                img[r][c] = flat[r * SIZE + c] / 255.0;
            }
        }
        return img;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "EdgeDetectionDataset(%s, %d images: %d per class of %s%s%s)",
                config.mode,
                size(),
                config.dataPerClass,
                config.classTypes,
                config.ratio < 1
                        ? ", edges in " + (config.mode.equals("valid") ? "the far" : "the near") + " part (ratio "
                                + config.ratio + ")"
                        : "",
                config.permutation != null ? ", pixels permuted" : "");
    }

    /** The generator's settings, named after the original's config keys. */
    public static final class Builder {
        private int dataPerClass = 1000;
        private List<String> classTypes = THREE_CLASSES;
        private int minEdgeWidth = 1;
        private int maxEdgeWidth = 4;
        private double minEdgeIntensity = 0.25;
        private double maxEdgeIntensity = 1;
        private double minBackgroundIntensity = 0;
        private double maxBackgroundIntensity = 0.2;
        private double ratio = 1.0;
        private int[] permutation;
        private String mode = "train";
        private long seed = 0;

        private Builder() {}

        public Builder dataPerClass(int n) {
            this.dataPerClass = n;
            return this;
        }

        /** Class names in label order: any of horizontal, vertical, diagonal, both, none. */
        public Builder classTypes(List<String> types) {
            for (String t : types) {
                if (!List.of("horizontal", "vertical", "diagonal", "both", "none")
                        .contains(t)) {
                    throw new IllegalArgumentException("unknown class type " + t);
                }
            }
            this.classTypes = List.copyOf(types);
            return this;
        }

        public Builder classTypes(String... types) {
            return classTypes(Arrays.asList(types));
        }

        public Builder edgeWidth(int min, int max) {
            this.minEdgeWidth = min;
            this.maxEdgeWidth = max;
            return this;
        }

        public Builder edgeIntensity(double min, double max) {
            this.minEdgeIntensity = min;
            this.maxEdgeIntensity = max;
            return this;
        }

        public Builder backgroundIntensity(double min, double max) {
            this.minBackgroundIntensity = min;
            this.maxBackgroundIntensity = max;
            return this;
        }

        /**
         * Below 1, train and valid sets see edges in different parts of the image: train bars start in the first
         * {@code (int) (ratio*28)} rows/columns, valid bars in the rest.
         */
        public Builder possibleEdgeLocationRatio(double ratio) {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException("ratio must be in (0, 1]: " + ratio);
            }
            this.ratio = ratio;
            return this;
        }

        /** Permutes every image's 784 pixels: new pixel p = old pixel {@code permutation[p]}. */
        public Builder permutation(int[] permutation) {
            if (permutation != null && !isPermutation(permutation, SIZE * SIZE)) {
                throw new IllegalArgumentException("not a permutation of 0.." + (SIZE * SIZE - 1));
            }
            this.permutation = permutation == null ? null : permutation.clone();
            return this;
        }

        /** "train", "valid" or "test" (only matters with a domain shift: "valid" draws the far part). */
        public Builder mode(String mode) {
            if (!List.of("train", "valid", "test").contains(mode)) {
                throw new IllegalArgumentException("mode must be train, valid or test: " + mode);
            }
            this.mode = mode;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public EdgeDetectionDataset build() {
            if (dataPerClass < 1) {
                throw new IllegalArgumentException("dataPerClass must be positive");
            }
            Builder frozen = copy();
            Generator g = new Generator(frozen);
            int n = dataPerClass;
            int[][] pixels = new int[n * classTypes.size()][];
            int[] labels = new int[pixels.length];
            for (int k = 0; k < classTypes.size(); k++) {
                double[][][] x = g.generate(classTypes.get(k));
                for (int i = 0; i < n; i++) {
                    int[] q = quantise(x[i]);
                    pixels[k * n + i] = permutation == null ? q : permute(q, permutation);
                    labels[k * n + i] = k;
                }
            }
            return new EdgeDetectionDataset(frozen, pixels, labels);
        }

        private Builder copy() {
            Builder b = new Builder();
            b.dataPerClass = dataPerClass;
            b.classTypes = classTypes;
            b.minEdgeWidth = minEdgeWidth;
            b.maxEdgeWidth = maxEdgeWidth;
            b.minEdgeIntensity = minEdgeIntensity;
            b.maxEdgeIntensity = maxEdgeIntensity;
            b.minBackgroundIntensity = minBackgroundIntensity;
            b.maxBackgroundIntensity = maxBackgroundIntensity;
            b.ratio = ratio;
            b.permutation = permutation;
            b.mode = mode;
            b.seed = seed;
            return b;
        }
    }

    /** {@code (X*255).astype(np.uint8)}: truncation toward zero, then the low 8 bits (C-style wrap). */
    static int[] quantise(double[][] img) {
        int[] q = new int[SIZE * SIZE];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                q[r * SIZE + c] = (int) ((long) (img[r][c] * 255) & 0xFF);
            }
        }
        return q;
    }

    private static boolean isPermutation(int[] p, int n) {
        if (p.length != n) {
            return false;
        }
        boolean[] seen = new boolean[n];
        for (int v : p) {
            if (v < 0 || v >= n || seen[v]) {
                return false;
            }
            seen[v] = true;
        }
        return true;
    }

    /** The draws of the original, in its order, from one seeded generator. */
    private static final class Generator {
        private final Builder b;
        private final Random rng;
        private final boolean shift;
        private final int location;

        Generator(Builder b) {
            this.b = b;
            this.rng = new Random(b.seed);
            this.shift = b.ratio < 1;
            this.location = (int) (b.ratio * SIZE);
        }

        double[][][] generate(String type) {
            int n = b.dataPerClass;
            double[][][] x = new double[n][SIZE][SIZE];
            double[] background = new double[n];
            for (int i = 0; i < n; i++) {
                background[i] = uniform(b.minBackgroundIntensity, b.maxBackgroundIntensity);
                for (double[] row : x[i]) {
                    Arrays.fill(row, background[i]);
                }
            }
            if (type.equals("none")) {
                return x;
            }
            int edges = type.equals("both") ? 2 : 1;
            int[][][] span = locations(type, n, edges);
            double[][] intensity = new double[n][edges];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < edges; j++) {
                    intensity[i][j] = uniform(b.minEdgeIntensity, b.maxEdgeIntensity);
                }
            }
            for (int i = 0; i < n; i++) {
                int from = span[0][i][0];
                int to = span[1][i][0];
                switch (type) {
                    case "horizontal" -> horizontal(x[i], from, to, intensity[i][0]);
                    case "vertical" -> vertical(x[i], from, to, intensity[i][0]);
                    case "both" -> {
                        horizontal(x[i], from, to, intensity[i][0]);
                        vertical(x[i], from, to, intensity[i][1]);
                    }
                    case "diagonal" -> {
                        if (i % 2 == 0) {
                            horizontal(x[i], from, to, intensity[i][0]);
                        } else {
                            vertical(x[i], from, to, intensity[i][0]);
                        }
                    }
                    default -> throw new IllegalStateException(type);
                }
            }
            if (type.equals("diagonal")) {
                int[] angle = new int[n];
                for (int i = 0; i < n; i++) {
                    angle[i] = ANGLES[rng.nextInt(ANGLES.length)];
                }
                for (int i = 0; i < n; i++) {
                    x[i] = SplineRotation.rotate(x[i], angle[i], background[i]);
                }
            }
            return x;
        }

        /** {start, end} per image and edge: widths first, then start indices (Sp25 rules). */
        private int[][][] locations(String type, int n, int edges) {
            int maxWidth = type.equals("diagonal") ? (int) (b.maxEdgeWidth / Math.sqrt(2)) : b.maxEdgeWidth;
            int[][] width = new int[n][edges];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < edges; j++) {
                    width[i][j] = randint(b.minEdgeWidth, maxWidth + 1);
                }
            }
            int lo = 0;
            int hi = SIZE;
            if (shift && b.mode.equals("valid")) {
                lo = location;
            } else if (shift) {
                hi = location;
            }
            int[][][] span = new int[2][n][edges];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < edges; j++) {
                    int start = randint(lo, hi - width[i][j]);
                    span[0][i][j] = start;
                    span[1][i][j] = Math.max(lo, Math.min(start + width[i][j], hi - 1));
                }
            }
            return span;
        }

        private static void horizontal(double[][] img, int from, int to, double v) {
            for (int r = from; r < to; r++) {
                Arrays.fill(img[r], v);
            }
        }

        private static void vertical(double[][] img, int from, int to, double v) {
            for (double[] row : img) {
                for (int c = from; c < to; c++) {
                    row[c] = v;
                }
            }
        }

        private double uniform(double lo, double hi) {
            return lo + (hi - lo) * rng.nextDouble();
        }

        /** numpy's randint: lo inclusive, hi exclusive. */
        private int randint(int lo, int hi) {
            if (hi <= lo) {
                throw new IllegalArgumentException("empty range " + lo + ".." + hi);
            }
            return lo + rng.nextInt(hi - lo);
        }
    }
}
