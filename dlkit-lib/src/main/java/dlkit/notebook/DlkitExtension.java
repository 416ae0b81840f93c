package dlkit.notebook;

import dlkit.backend.BackendChoice;
import dlkit.display.KernelExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.table.Relation;

/**
 * Everything the DLKit kernel knows about this library, registered in
 * {@code META-INF/services/dlkit.display.KernelExtension}: the notebooks' imports (DLKit's packages, ND4J, the
 * common DL4J configuration names, XChart and Tablesaw), the renderers of charts, tables and ND4J arrays, ND4J's
 * warm-up, and the backend line (a notice when a GPU is present but not used, and the banner's backend line).
 */
public final class DlkitExtension implements KernelExtension {

    private static final List<String> IMPORTS = List.of(
            "dlkit.plot.*",
            "dlkit.nn.*",
            "dlkit.nn.resnet.*",
            "dlkit.nn.onednn.*",
            "dlkit.data.*",
            "dlkit.linalg.*",
            "dlkit.image.*",
            "dlkit.conv.*",
            "dlkit.memory.*",
            "dlkit.backend.*",
            "dlkit.edges.*",
            "dlkit.grade.*",
            "dlkit.widgets.*",
            "org.nd4j.linalg.learning.config.*",
            "org.deeplearning4j.nn.conf.*",
            "org.deeplearning4j.nn.conf.layers.*",
            "org.knowm.xchart.*",
            "tech.tablesaw.api.*",
            // single types where a wildcard would bring in clashing names
            "org.nd4j.linalg.factory.Nd4j",
            "org.nd4j.linalg.api.ndarray.INDArray",
            "org.nd4j.linalg.indexing.NDArrayIndex",
            "org.nd4j.linalg.ops.transforms.Transforms",
            "org.nd4j.linalg.api.buffer.DataType",
            "org.nd4j.linalg.dataset.DataSet",
            "org.nd4j.linalg.activations.Activation",
            "org.nd4j.linalg.lossfunctions.LossFunctions",
            "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
            "org.deeplearning4j.nn.graph.ComputationGraph",
            "org.deeplearning4j.nn.weights.WeightInit",
            "org.deeplearning4j.nn.conf.inputs.InputType",
            "org.knowm.xchart.style.Styler");

    private static final List<String> STATIC_IMPORTS = List.of("dlkit.widgets.Widgets.*", "dlkit.grade.Checks.*");

    /** Found by {@link #notice()} in the background; null until then (the banner says "being detected"). */
    private volatile BackendChoice backend;

    @Override
    public List<String> imports() {
        return IMPORTS;
    }

    @Override
    public List<String> staticImports() {
        return STATIC_IMPORTS;
    }

    @Override
    public List<Renderer<?>> renderers() {
        return List.of(
                Renderer.of(Chart.class, ChartRenderer::render),
                Renderer.of(Relation.class, TableRenderer::render),
                Renderer.of(INDArray.class, ArrayRenderer::render));
    }

    /** Loads ND4J's native backend (about a second) so that the first cell using it does not wait for it. */
    @Override
    public void warmUp() {
        Nd4j.create(new float[] {1f, 2f}, 2).sumNumber();
    }

    /**
     * When a GPU is present but not used (too new for nd4j-cuda-11.6, or a CPU-only build), the first cell says so
     * in one line, so that nobody reads CPU timings as GPU ones.
     */
    @Override
    public String notice() {
        BackendChoice choice = BackendChoice.detect();
        backend = choice;
        return choice.fellBack() ? "DLKit backend: " + choice.reason() : null;
    }

    @Override
    public List<String> bannerLines() {
        BackendChoice choice = backend;
        return List.of(
                "DL4J/ND4J 1.0.0-M2.1, XChart, Tablesaw on the class path",
                "Backend (" + BackendChoice.ENV + "=" + requestedBackend() + "): "
                        + (choice != null ? choice.reason() : "being detected"));
    }

    @Override
    public Map<String, String> helpLinks() {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("DL4J", "https://deeplearning4j.konduit.ai/");
        links.put("XChart", "https://knowm.org/open-source/xchart/");
        return links;
    }

    /** DLKIT_BACKEND as the user wrote it (the launcher picks the class path from it), "auto" when unset. */
    private static String requestedBackend() {
        String v = System.getenv(BackendChoice.ENV);
        return v == null || v.isBlank() ? "auto" : v;
    }
}
