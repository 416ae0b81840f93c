package dlkit.edges;

import dlkit.nn.History;
import dlkit.plot.Figure;
import dlkit.plot.Images;
import dlkit.plot.Plots;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The figures of the EdgeDetection notebook, each one call:
 * <pre>{@code
 * EdgePlots.dataset(ds, 10)                               // vis_dataset: classes x 10 image grid
 * EdgePlots.unpermutedDataset(ds, 10)                      // vis_unpermuted_dataset
 * EdgePlots.kernels(EdgeModels.conv1Kernels(cnn), "Trained kernels")       // vis_kernel: k x k tiles in a row
 * EdgePlots.accuracyVsImages("Validation accuracy", sizes, Map.of("CNN", cnnAcc, "MLP", mlpAcc))
 * EdgePlots.trainingCurves(cnnHistory, mlpHistory, "MLP")  // 1x2: training loss and accuracy vs epoch
 * EdgePlots.validationCurves(cnnHistory, mlpHistory, "MLP")
 * EdgePlots.confusionMatrix(h.confusionMatrix(), EdgeDetectionDataset.THREE_CLASSES, "CNN-50-images")
 * }</pre>
 */
public final class EdgePlots {

    private EdgePlots() {}

    /** The first {@code perClass} images of every class, one row per class, titled "Class: label" (0..1 gray). */
    public static Figure dataset(EdgeDetectionDataset ds, int perClass) {
        return grid(ds, perClass, false);
    }

    /** The same grid with the pixel permutation undone. */
    public static Figure unpermutedDataset(EdgeDetectionDataset ds, int perClass) {
        return grid(ds, perClass, true);
    }

    private static Figure grid(EdgeDetectionDataset ds, int perClass, boolean unpermute) {
        int shown = Math.min(perClass, ds.dataPerClass());
        List<BufferedImage> images = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int c = 0; c < ds.numClasses(); c++) {
            for (int j = 0; j < shown; j++) {
                int i = c * ds.dataPerClass() + j;
                images.add(Images.gray(unpermute ? ds.unpermutedImage(i) : ds.image(i)));
                titles.add("Class: " + ds.label(i));
            }
        }
        return Plots.imageGrid(ds.numClasses(), shown, images, titles);
    }

    /**
     * {@code vis_kernel}: the kernels of input channel 0 of a [filters, channels, k, k] weight array as gray tiles
     * in one row, all min–max normalised together, 1-pixel black gaps (torchvision's {@code make_grid}).
     */
    public static BufferedImage kernels(INDArray weights, String title) {
        int f = (int) weights.size(0);
        int k = (int) weights.size(2);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < f; o++) {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    double v = weights.getDouble(o, 0, r, c);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        double range = max > min ? max - min : 1;
        int cols = Math.min(f, 8);
        int rows = (f + cols - 1) / cols;
        double[][] canvas = new double[rows * (k + 1) + 1][cols * (k + 1) + 1];
        for (int o = 0; o < f; o++) {
            int top = 1 + (o / cols) * (k + 1);
            int left = 1 + (o % cols) * (k + 1);
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    canvas[top + r][left + c] = (weights.getDouble(o, 0, r, c) - min) / range;
                }
            }
        }
        int scale = Math.max(1, 120 / (k + 1));
        return Images.titled(Images.scale(Images.gray(canvas), scale), title, 14f);
    }

    /** Validation accuracy against the number of training images per class, one line with dots per model. */
    public static XYChart accuracyVsImages(String title, int[] imagesPerClass, Map<String, double[]> accuracyByModel) {
        double[] x = new double[imagesPerClass.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = imagesPerClass[i];
        }
        XYChart chart = Plots.lines(
                title,
                "# of Training Images per Class",
                "Validation Accuracy (%)",
                x,
                new LinkedHashMap<>(accuracyByModel));
        for (XYSeries s : chart.getSeriesMap().values()) {
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    /** {@code vis_training_curve}: 1×2 "Training Loss" and "Training Accuracy" vs epoch; {@code other} may be null. */
    public static Figure trainingCurves(History cnn, History other, String otherLabel) {
        return curves(
                "Training",
                cnn.trainLoss(),
                cnn.trainAccuracy(),
                other == null ? null : other.trainLoss(),
                other == null ? null : other.trainAccuracy(),
                otherLabel);
    }

    /** {@code vis_validation_curve}: 1×2 "Validation Loss" and "Validation Accuracy" vs epoch. */
    public static Figure validationCurves(History cnn, History other, String otherLabel) {
        return curves(
                "Validation",
                cnn.valLoss(),
                cnn.valAccuracy(),
                other == null ? null : other.valLoss(),
                other == null ? null : other.valAccuracy(),
                otherLabel);
    }

    private static Figure curves(
            String what, double[] loss, double[] acc, double[] otherLoss, double[] otherAcc, String otherLabel) {
        Map<String, double[]> l = new LinkedHashMap<>();
        Map<String, double[]> a = new LinkedHashMap<>();
        l.put("CNN", loss);
        a.put("CNN", acc);
        if (otherLoss != null && otherLoss.length > 0) {
            l.put(otherLabel, otherLoss);
            a.put(otherLabel, otherAcc);
        }
        XYChart lossChart = Plots.lines(what + " Loss", "Epoch", "Loss", epochs(loss.length), l);
        XYChart accChart = Plots.lines(what + " Accuracy", "Epoch", "Accuracy (%)", epochs(acc.length), a);
        lossChart.getStyler().setLegendVisible(true);
        accChart.getStyler().setLegendVisible(true);
        return Plots.row(lossChart, accChart);
    }

    private static double[] epochs(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** {@code vis_confusion_matrix}: counts per (true, predicted) with the class names. */
    public static HeatMapChart confusionMatrix(int[][] counts, List<String> classNames, String title) {
        return Plots.confusionMatrix(title, counts, classNames.toArray(String[]::new));
    }
}
