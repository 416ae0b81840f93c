package dlkit.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class EdgeDetectionDatasetTest {

    private static final int N = 28;

    private static EdgeDetectionDataset three(int perClass, long seed) {
        return EdgeDetectionDataset.builder().dataPerClass(perClass).seed(seed).build();
    }

    @Test
    void featuresAreNx1x28x28AndLabelsComeInClassBlocks() {
        EdgeDetectionDataset ds = three(7, 1);
        INDArray x = ds.features();
        assertArrayEquals(new long[] {21, 1, 28, 28}, x.shape());
        int[] expected = new int[21];
        for (int i = 0; i < 21; i++) {
            expected[i] = i / 7;
        }
        assertArrayEquals(expected, ds.labels());
        assertEquals(21, ds.oneHotLabels().sumNumber().intValue());
        assertEquals(java.util.List.of("horizontal", "vertical", "none"), ds.classTypes());
    }

    @Test
    void pixelsAreQuantisedToK255InsideZeroOne() {
        EdgeDetectionDataset ds = three(20, 2);
        for (int i = 0; i < ds.size(); i++) {
            for (double[] row : ds.image(i)) {
                for (double v : row) {
                    assertTrue(v >= 0 && v <= 1);
                    assertEquals(Math.round(v * 255), v * 255, 1e-9);
                }
            }
        }
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        assertArrayEquals(
                three(5, 3).features().data().asFloat(),
                three(5, 3).features().data().asFloat());
        assertFalse(Arrays.equals(
                three(5, 3).features().data().asFloat(),
                three(5, 4).features().data().asFloat()));
    }

    @Test
    void horizontalImagesAreOneBarOfWidthOneToFourOnABackgroundBelowPointTwo() {
        EdgeDetectionDataset ds = three(200, 5);
        int[] widths = new int[5];
        for (int i = 0; i < 200; i++) {
            int[] px = ds.rawPixels(i);
            int background = px[27 * N]; // row 27 is never part of a bar
            assertTrue(background <= 51, "background " + background);
            int bar = 0;
            int barValue = -1;
            for (int r = 0; r < N; r++) {
                for (int c = 1; c < N; c++) {
                    assertEquals(px[r * N], px[r * N + c], "rows are constant");
                }
                if (px[r * N] != background) {
                    bar++;
                    barValue = px[r * N];
                }
            }
            assertTrue(bar >= 1 && bar <= 4, "bar width " + bar);
            assertTrue(barValue >= (int) (0.25 * 255) && barValue <= 255, "intensity " + barValue);
            widths[bar]++;
        }
        for (int w = 1; w <= 4; w++) {
            assertTrue(widths[w] > 25, "width " + w + " seen " + widths[w] + " times");
        }
    }

    @Test
    void verticalImagesHaveConstantColumnsAndNoneImagesAreFlat() {
        EdgeDetectionDataset ds = three(30, 6);
        for (int i = 30; i < 60; i++) {
            int[] px = ds.rawPixels(i);
            for (int r = 1; r < N; r++) {
                for (int c = 0; c < N; c++) {
                    assertEquals(px[c], px[r * N + c]);
                }
            }
        }
        for (int i = 60; i < 90; i++) {
            int[] px = ds.rawPixels(i);
            for (int v : px) {
                assertEquals(px[0], v);
            }
        }
    }

    @Test
    void domainShiftPutsTrainBarsInTheFirstHalfAndValidBarsInTheSecond() {
        for (String mode : new String[] {"train", "valid"}) {
            EdgeDetectionDataset ds = EdgeDetectionDataset.builder()
                    .dataPerClass(100)
                    .possibleEdgeLocationRatio(0.5)
                    .mode(mode)
                    .seed(7)
                    .build();
            for (int i = 0; i < 100; i++) {
                int[] px = ds.rawPixels(i);
                int background = mode.equals("train") ? px[27 * N] : px[0];
                for (int r = 0; r < N; r++) {
                    boolean lit = px[r * N] != background;
                    if (lit) {
                        assertTrue(mode.equals("train") ? r <= 13 : r >= 14, mode + " bar at row " + r);
                    }
                }
            }
        }
    }

    @Test
    void permutationIsUndoneByItsInverse() {
        int[] perm = EdgeDetectionDataset.randomPermutation(784, 10);
        int[] inv = EdgeDetectionDataset.inverse(perm);
        for (int i = 0; i < 784; i++) {
            assertEquals(i, inv[perm[i]]);
            assertEquals(i, perm[inv[i]]);
        }
        EdgeDetectionDataset plain = three(4, 9);
        EdgeDetectionDataset permuted = EdgeDetectionDataset.builder()
                .dataPerClass(4)
                .permutation(perm)
                .seed(9)
                .build();
        for (int i = 0; i < plain.size(); i++) {
            assertArrayEquals(EdgeDetectionDataset.permute(plain.rawPixels(i), perm), permuted.rawPixels(i));
            assertTrue(Arrays.deepEquals(plain.image(i), permuted.unpermutedImage(i)));
        }
    }

    @Test
    void fiveClassesIncludeRotatedDiagonalsAndCrosses() {
        EdgeDetectionDataset ds = EdgeDetectionDataset.builder()
                .dataPerClass(20)
                .classTypes(EdgeDetectionDataset.FIVE_CLASSES)
                .seed(3)
                .build();
        assertEquals(100, ds.size());
        assertEquals(2, ds.label(40));
        for (int i = 40; i < 60; i++) { // diagonal: neither rows nor columns constant
            int[] px = ds.rawPixels(i);
            boolean rowsConstant = true;
            boolean colsConstant = true;
            for (int r = 0; r < N; r++) {
                for (int c = 1; c < N; c++) {
                    rowsConstant &= px[r * N + c] == px[r * N];
                    colsConstant &= px[c * N + r] == px[r];
                }
            }
            assertFalse(rowsConstant || colsConstant, "diagonal image " + i);
        }
        for (int i = 60; i < 80; i++) { // both: a cross, symmetric about the diagonal except where bars overlap
            int[] px = ds.rawPixels(i);
            long distinct = Arrays.stream(px).distinct().count();
            assertTrue(distinct >= 2 && distinct <= 3, "cross has background + 1 or 2 bar values");
        }
    }

    @Test
    void quantisationTruncatesAndWrapsLikeNumpyUint8() {
        double[][] img = new double[N][N];
        img[0][0] = -0.1; // -25.5 -> -25 -> 231
        img[0][1] = 1.05; // 267.75 -> 267 -> 11
        img[0][2] = 0.5; // 127.5 -> 127
        int[] q = EdgeDetectionDataset.quantise(img);
        assertEquals(231, q[0]);
        assertEquals(11, q[1]);
        assertEquals(127, q[2]);
    }

    @Test
    void splineRotationKeepsAConstantImageAndRotatesBy90Exactly() {
        double[][] flat = new double[N][N];
        for (double[] row : flat) {
            Arrays.fill(row, 0.1);
        }
        double[][] r = SplineRotation.rotate(flat, 45, 0.1);
        for (double[] row : r) {
            for (double v : row) {
                assertEquals(0.1, v, 1e-9);
            }
        }
        double[][] bar = new double[N][N];
        Arrays.fill(bar[5], 1.0);
        double[][] rot = SplineRotation.rotate(bar, 90, 0);
        for (int row = 0; row < N; row++) {
            for (int c = 0; c < N; c++) {
                assertEquals(c == 5 ? 1.0 : 0.0, rot[row][c], 1e-9, "(" + row + "," + c + ")");
            }
        }
    }
}
