package dlkit.nn;

import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The compute of the dropout notebook's parts A–H (93 000 training steps of the 2-weight model), timed; run by
 * {@code bench/dropout_bench.sh} next to the same steps in PyTorch ({@code bench/dropout_torch.py}).
 * <pre>
 * java -cp target-nn/modules/dlkit-lib/test-classes:target-nn/lib/* dlkit.nn.DropoutBench [--naive]
 * </pre>
 * Prints {@code dlkit_seconds=...}; with {@code --naive} also DL4J's own {@code fit} per-step cost.
 */
public final class DropoutBench {

    private DropoutBench() {}

    public static void main(String[] args) {
        run(false); // warm-up (JIT, ND4J start-up)
        long t = System.nanoTime();
        int steps = run(false);
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "dlkit_steps=%d%ndlkit_seconds=%.3f%n", steps, seconds);
        if (args.length > 0 && args[0].equals("--naive")) {
            for (int bs : new int[] {1, 1024}) {
                MultiLayerNetwork net = net(0.5);
                INDArray x = Nd4j.createFromArray(new float[][] {{10, 1}}).repeat(0, bs);
                INDArray y = Nd4j.createFromArray(new float[][] {{11}}).repeat(0, bs);
                Trainer slow = Trainer.builder()
                        .steps(2000)
                        .lr(1e-3)
                        .seed(0)
                        .progress(false)
                        .fastPath(false)
                        .build();
                slow.fit(net, x, y);
                History h = slow.fit(net, x, y);
                System.out.printf(Locale.ROOT, "dl4j_fit_ms_per_step_batch%d=%.4f%n", bs, h.seconds() * 1000 / 2000);
            }
        }
    }

    private static MultiLayerNetwork net(double p) {
        return Sequential.of(InputDropout.of(p), Linear.noBias(2, 1).zeroInit()).mse();
    }

    private static int fit(double p, int batch, int steps, Optimizer optimizer) {
        INDArray x = Nd4j.createFromArray(new float[][] {{10, 1}}).repeat(0, batch);
        INDArray y = Nd4j.createFromArray(new float[][] {{11}}).repeat(0, batch);
        Trainer.builder()
                .steps(steps)
                .lr(1e-3)
                .optimizer(optimizer)
                .seed(0)
                .progress(false)
                .build()
                .fit(net(p), x, y);
        return steps;
    }

    /** (B), (D), (E), the sweep (G) and SGD vs Adam (H); returns the number of steps. */
    static int run(boolean unused) {
        int steps = 0;
        steps += fit(0, 1, 1000, Optimizer.SGD);
        steps += fit(0.5, 1, 1000, Optimizer.SGD);
        steps += fit(0.5, 1024, 1000, Optimizer.SGD);
        for (double p : new double[] {0, .1, .3, .5, .7}) {
            steps += fit(p, 1024, 10_000, Optimizer.SGD);
        }
        for (Optimizer o : Optimizer.values()) {
            for (double p : new double[] {0, .5}) {
                steps += fit(p, 1024, 10_000, o);
            }
        }
        return steps;
    }
}
