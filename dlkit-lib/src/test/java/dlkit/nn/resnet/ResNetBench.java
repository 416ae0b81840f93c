package dlkit.nn.resnet;

import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * ResNet-18 (torchvision topology, 10 classes) training throughput on CIFAR-size input, for bench/resnet18_bench.sh.
 * Prints {@code dlkit_images_per_second=...}, the process's CPU seconds per step and how many layers run on oneDNN
 * ({@link ResNetOneDnn}). Args: [batch=64] [steps=10] [warmup=3] [size=32].
 */
public final class ResNetBench {

    private ResNetBench() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        Nd4j.getRandom().setSeed(42);
        ComputationGraph net = ResNet.resnet18()
                .numClasses(10)
                .inputSize(size, size)
                .updater(new Nesterovs(1.6e-3, 0.9))
                .seed(42)
                .build();
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        DataSet ds = new DataSet(x, y);
        // the notebook's training path: oneDNN primitives when the graph allows (dlkit.nn.onednn), else DL4J's fit
        dlkit.nn.onednn.OneDnnTrainer fast = dlkit.nn.onednn.OneDnnTrainer.supports(net)
                ? dlkit.nn.onednn.OneDnnTrainer.of(net, 3, size, size)
                : null;
        java.util.function.Consumer<DataSet> step = fast != null ? fast::fit : net::fit;
        for (int i = 0; i < warmup; i++) {
            step.accept(ds);
        }
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            step.accept(ds);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        long onednn = java.util.Arrays.stream(net.getLayers())
                .filter(l -> l.getHelper() != null)
                .count();
        System.out.printf(
                Locale.ROOT,
                "dlkit_onednn_layers=%s%n",
                fast != null ? "all (dlkit.nn.onednn)" : onednn + " of " + net.getLayers().length + " (DL4J helpers)");
        System.out.printf(Locale.ROOT, "dlkit_seconds_per_step=%.4f%n", s / steps);
        System.out.printf(Locale.ROOT, "dlkit_images_per_second=%.1f%n", batch * steps / s);
        // CPU seconds of the whole process per step: on a loaded machine a steadier figure than wall time
        System.out.printf(Locale.ROOT, "dlkit_cpu_seconds_per_step=%.4f%n", cpu / steps);
    }
}
