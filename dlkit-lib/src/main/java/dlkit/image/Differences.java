package dlkit.image;

/**
 * Comparing two images of the same size: the largest difference, the difference image, and how many rows and
 * columns at each border differ (where two ways of padding disagree).
 *
 * <pre>{@code
 * Differences.maxAbs(a, b)            // 0 when identical
 * Differences.borderRows(a, b, 1e-12) // {rows differing at the top, at the bottom} (middle column)
 * }</pre>
 */
public final class Differences {

    private Differences() {}

    /** |a − b| pixel by pixel. */
    public static double[][] abs(double[][] a, double[][] b) {
        sameSize(a, b);
        double[][] d = new double[a.length][a[0].length];
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[0].length; x++) {
                d[y][x] = Math.abs(a[y][x] - b[y][x]);
            }
        }
        return d;
    }

    /** The largest |a − b|. */
    public static double maxAbs(double[][] a, double[][] b) {
        double m = 0;
        for (double[] row : abs(a, b)) {
            for (double v : row) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /**
     * {top, bottom}: how many consecutive rows from the top edge, and from the bottom edge, differ by more than
     * {@code tol}, judged in the middle column (away from the left and right borders, which may differ in
     * every row).
     */
    public static int[] borderRows(double[][] a, double[][] b, double tol) {
        double[][] d = abs(a, b);
        int mid = d[0].length / 2;
        boolean[] differs = new boolean[d.length];
        for (int y = 0; y < d.length; y++) {
            differs[y] = d[y][mid] > tol;
        }
        return runs(differs);
    }

    /** {left, right}: like {@link #borderRows} for columns, judged in the middle row. */
    public static int[] borderCols(double[][] a, double[][] b, double tol) {
        double[][] d = abs(a, b);
        double[] row = d[d.length / 2];
        boolean[] differs = new boolean[row.length];
        for (int x = 0; x < row.length; x++) {
            differs[x] = row[x] > tol;
        }
        return runs(differs);
    }

    private static int[] runs(boolean[] differs) {
        int first = 0;
        while (first < differs.length && differs[first]) {
            first++;
        }
        int last = 0;
        while (last < differs.length && differs[differs.length - 1 - last]) {
            last++;
        }
        return new int[] {first, last};
    }

    private static void sameSize(double[][] a, double[][] b) {
        if (a.length != b.length || a[0].length != b[0].length) {
            throw new IllegalArgumentException(
                    "sizes differ: " + a.length + "x" + a[0].length + " vs " + b.length + "x" + b[0].length);
        }
    }
}
