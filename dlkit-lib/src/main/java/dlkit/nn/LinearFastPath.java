package dlkit.nn;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Trains a network that is a single linear output layer with squared error (the dropout homework's
 * {@code Sequential(Dropout(p), Linear(2, 1, bias=False))}) in plain Java arithmetic.
 *
 * <p>Why: such a model has a handful of weights, and each DL4J {@code fit} step costs ~0.5–1 ms of fixed overhead
 * (solver and updater bookkeeping, workspaces, some 40 native ND4J calls of a few µs each, listeners) for
 * nanoseconds of arithmetic — 10–20× PyTorch's per-step cost. Here a step is one loop over the batch. The maths is
 * DL4J's own: inverted dropout on the layer input (keep with probability {@code 1 − p}, scale by {@code 1/(1 − p)}),
 * {@code LossMSE} averaged over the batch and the outputs, plain SGD or DL4J's Adam update. Dropout masks come from
 * a SplitMix64 generator seeded from ND4J's generator, so a seeded run repeats exactly. The trained parameters are
 * written back into the network at the end. Anything else (other layers, losses, regularisation, schedules,
 * gradient normalisation) is left to DL4J.
 */
final class LinearFastPath extends NetAdapter {

    /** Above this many weights the arithmetic dominates and DL4J's native code is the better choice. */
    private static final int MAX_WEIGHTS = 4096;

    private final MultiLayerNetwork net;
    private final int nIn;
    private final int nOut;
    private final boolean hasBias;
    private final double drop;
    private final double[] w; // [nIn * nOut], row-major like DL4J's W (nIn x nOut)
    private final double[] b;
    private double[] gw;
    private double[] gb;
    private final Opt opt;
    private long rngState;
    private double score = Double.NaN;
    private INDArray lastX;
    private INDArray lastY;
    private double[] xs;
    private double[] ys;
    private int rows;

    private LinearFastPath(MultiLayerNetwork net, OutputLayer layer, IUpdater updater) {
        this.net = net;
        this.nIn = (int) layer.getNIn();
        this.nOut = (int) layer.getNOut();
        this.hasBias = layer.hasBias();
        this.drop = layer.getIDropout() == null ? 0 : 1 - ((Dropout) layer.getIDropout()).getP();
        this.w = net.getParam("0_W").castTo(DataType.DOUBLE).dup('c').data().asDouble();
        this.b = hasBias ? net.getParam("0_b").castTo(DataType.DOUBLE).data().asDouble() : new double[nOut];
        this.gw = new double[w.length];
        this.gb = new double[nOut];
        this.opt = updater instanceof Adam a
                ? new AdamOpt(a, w.length, nOut)
                : new SgdOpt(((Sgd) updater).getLearningRate());
        this.rngState = Nd4j.getRandom().nextLong();
    }

    /** A fast path for {@code model}, or {@code null} when it is not a plain linear least-squares model. */
    static LinearFastPath tryCreate(Model model, IUpdater updater) {
        if (!(model instanceof MultiLayerNetwork net) || net.getnLayers() != 1) {
            return null;
        }
        NeuralNetConfiguration conf = net.getLayerWiseConfigurations().getConf(0);
        if (!(conf.getLayer() instanceof OutputLayer layer) || !conf.isMiniBatch()) {
            return null;
        }
        boolean plainLoss = layer.getLossFn() != null
                && layer.getLossFn().getClass() == LossMSE.class
                && ((LossMSE) layer.getLossFn()).getWeights() == null;
        boolean plainDropout = layer.getIDropout() == null
                || (layer.getIDropout().getClass() == Dropout.class
                        && ((Dropout) layer.getIDropout()).getPSchedule() == null);
        boolean plainUpdater = (updater instanceof Sgd s && s.getLearningRateSchedule() == null)
                || (updater instanceof Adam a && a.getLearningRateSchedule() == null);
        boolean noExtras = isEmpty(layer.getRegularization())
                && isEmpty(layer.getRegularizationBias())
                && (layer.getGradientNormalization() == null
                        || layer.getGradientNormalization() == GradientNormalization.None)
                && layer.getConstraints() == null;
        boolean small = layer.getNIn() * layer.getNOut() <= MAX_WEIGHTS;
        if (!(layer.getActivationFn() instanceof ActivationIdentity)
                || !plainLoss
                || !plainDropout
                || !plainUpdater
                || !noExtras
                || !small) {
            return null;
        }
        return new LinearFastPath(net, layer, updater);
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    @Override
    void step(INDArray x, INDArray y) {
        load(x, y);
        java.util.Arrays.fill(gw, 0);
        java.util.Arrays.fill(gb, 0);
        double[] xin = new double[nIn];
        double scale = drop == 0 ? 1 : 1 / (1 - drop);
        double lossSum = 0;
        double gradScale = 2.0 / ((double) nOut * rows);
        for (int r = 0; r < rows; r++) {
            int xo = r * nIn;
            for (int i = 0; i < nIn; i++) {
                double v = xs[xo + i];
                if (drop > 0) {
                    v = nextDouble() < drop ? 0 : v * scale;
                }
                xin[i] = v;
            }
            for (int o = 0; o < nOut; o++) {
                double yHat = b[o];
                for (int i = 0; i < nIn; i++) {
                    yHat += xin[i] * w[i * nOut + o];
                }
                double diff = yHat - ys[r * nOut + o];
                lossSum += diff * diff;
                double d = gradScale * diff;
                for (int i = 0; i < nIn; i++) {
                    gw[i * nOut + o] += xin[i] * d;
                }
                gb[o] += d;
            }
        }
        score = lossSum / ((double) nOut * rows);
        opt.step(w, gw);
        if (hasBias) {
            opt.stepBias(b, gb);
        }
    }

    private void load(INDArray x, INDArray y) {
        if (x != lastX) {
            xs = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            rows = (int) x.size(0);
            lastX = x;
        }
        if (y != lastY) {
            ys = y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            lastY = y;
        }
    }

    /** SplitMix64 → a double in [0, 1). */
    private double nextDouble() {
        long z = (rngState += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    @Override
    double score() {
        return score;
    }

    @Override
    INDArray output(INDArray x) {
        finish();
        return net.output(x, false);
    }

    @Override
    double evalLoss(INDArray x, INDArray y) {
        finish();
        return net.score(new org.nd4j.linalg.dataset.DataSet(x, y), false);
    }

    @Override
    void resetOptimizer(IUpdater updater) {
        NetAdapter.of(net).resetOptimizer(updater);
        opt.reset();
    }

    @Override
    void finish() {
        DataType type = net.params().dataType();
        net.setParam("0_W", Nd4j.createFromArray(w).reshape('c', nIn, nOut).castTo(type));
        if (hasBias) {
            net.setParam("0_b", Nd4j.createFromArray(b).reshape(1, nOut).castTo(type));
        }
        net.setScore(score);
    }

    private interface Opt {
        void step(double[] p, double[] g);

        void stepBias(double[] p, double[] g);

        void reset();
    }

    private static final class SgdOpt implements Opt {
        private final double lr;

        SgdOpt(double lr) {
            this.lr = lr;
        }

        @Override
        public void step(double[] p, double[] g) {
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * g[i];
            }
        }

        @Override
        public void stepBias(double[] p, double[] g) {
            step(p, g);
        }

        @Override
        public void reset() {}
    }

    /** DL4J's {@code AdamUpdater} ({@link AdamUpdate}), with its state for the weights and the biases. */
    private static final class AdamOpt implements Opt {
        private final Adam config;
        private final double[] m;
        private final double[] v;
        private final double[] mb;
        private final double[] vb;
        private int t;

        AdamOpt(Adam a, int n, int nb) {
            this.config = a.clone(); // the settings it was made with, as DL4J's updater keeps them
            this.m = new double[n];
            this.v = new double[n];
            this.mb = new double[nb];
            this.vb = new double[nb];
        }

        @Override
        public void step(double[] p, double[] g) {
            t++;
            AdamUpdate.apply(p, g, m, v, AdamUpdate.stepSize(config, t), config);
        }

        @Override
        public void stepBias(double[] p, double[] g) {
            AdamUpdate.apply(p, g, mb, vb, AdamUpdate.stepSize(config, t), config);
        }

        @Override
        public void reset() {
            t = 0;
            java.util.Arrays.fill(m, 0);
            java.util.Arrays.fill(v, 0);
            java.util.Arrays.fill(mb, 0);
            java.util.Arrays.fill(vb, 0);
        }
    }
}
