package dlkit.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * What every notebook starts with: the DLKit packages that exist in this build, ND4J, the common DL4J
 * configuration names, XChart and Tablesaw. Single-type imports are used where wildcard packages would
 * clash.
 */
final class StartupImports {

    private static final String[] PACKAGES = {
        "java.util", "java.util.function", "java.util.stream", "java.io", "java.nio.file", "java.math",
        "java.time",
        "dlkit.display", "dlkit.plot", "dlkit.nn", "dlkit.nn.resnet", "dlkit.nn.onednn", "dlkit.data", "dlkit.linalg",
        "dlkit.image", "dlkit.conv", "dlkit.memory", "dlkit.backend", "dlkit.edges", "dlkit.grade", "dlkit.widgets",
        "org.nd4j.linalg.learning.config", "org.deeplearning4j.nn.conf", "org.deeplearning4j.nn.conf.layers",
        "org.knowm.xchart", "tech.tablesaw.api",
    };

    private static final String[] TYPES = {
        "java.awt.image.BufferedImage",
        "org.nd4j.linalg.factory.Nd4j", "org.nd4j.linalg.api.ndarray.INDArray",
        "org.nd4j.linalg.indexing.NDArrayIndex", "org.nd4j.linalg.ops.transforms.Transforms",
        "org.nd4j.linalg.api.buffer.DataType", "org.nd4j.linalg.dataset.DataSet",
        "org.nd4j.linalg.activations.Activation", "org.nd4j.linalg.lossfunctions.LossFunctions",
        "org.deeplearning4j.nn.multilayer.MultiLayerNetwork", "org.deeplearning4j.nn.graph.ComputationGraph",
        "org.deeplearning4j.nn.weights.WeightInit", "org.deeplearning4j.nn.conf.inputs.InputType",
        "org.knowm.xchart.style.Styler",
    };

    private StartupImports() {
    }

    static List<String> lines() {
        ClassLoader cl = StartupImports.class.getClassLoader();
        List<String> out = new ArrayList<>();
        for (String p : PACKAGES) {
            if (p.startsWith("java.") || cl.getResource(p.replace('.', '/')) != null
                    || cl.getDefinedPackage(p) != null) {
                out.add("import " + p + ".*;");
            }
        }
        for (String t : TYPES) {
            if (t.startsWith("java.") || cl.getResource(t.replace('.', '/') + ".class") != null) {
                out.add("import " + t + ";");
            }
        }
        out.add("import static dlkit.display.Notebook.*;");
        if (cl.getResource("dlkit/widgets/Widgets.class") != null) {
            out.add("import static dlkit.widgets.Widgets.*;");
        }
        if (cl.getResource("dlkit/grade/Checks.class") != null) {
            out.add("import static dlkit.grade.Checks.*;");
        }
        return out;
    }
}
