package dlkit.edges;

import dlkit.nn.FastConv;
import dlkit.nn.FastConvLayer;
import dlkit.nn.SoftmaxCrossEntropy;
import dlkit.nn.TrainStep;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Trains and evaluates the homework's networks ({@link EdgeModels}: SimpleCNN with max or average pooling, Wider and
 * Deeper CNNs, frozen convolutions, ThreeLayerMLP) in plain Java, on float copies of the DL4J network's own
 * parameters, which it writes back into the network ({@link #writeBack}). {@link EdgeTraining} uses it
 * automatically when {@link #tryCreate} accepts the network and the optimizer, and DL4J's {@code fit} otherwise.
 * It is the homework networks' {@link TrainStep}: {@link #fit} takes what DL4J's {@code fit} takes.
 *
 * <pre>{@code
 * EdgeFastPath fast = EdgeFastPath.tryCreate(cnn, new SgdMomentum(1e-2, 0.9));   // null: not a network it knows
 * EdgeEvaluation e = fast.evaluate(validLoader);                                // with the parameters held here
 * fast.writeBack();                                                             // cnn now holds them
 * }</pre>
 *
 * <p>Why: these networks have 600–40,000 parameters and see 10 images per step, so a DL4J step (~20 ms here) is
 * almost all per-call overhead — dozens of native ops, workspaces, updater bookkeeping — and the epoch loop also
 * ran a second forward pass for the accuracy. Here a step is one forward and one backward pass over float arrays
 * ({@link FastConv}'s vectorised taps, {@link FastDenseOp}), with the accuracy taken from that same forward pass as
 * the original's {@code train_one_epoch} does; {@link EdgeTraining} runs its {@code step} in the
 * {@code Trainer}'s loop. The maths is DL4J's: ReLU derivative 0 at 0, {@link SoftmaxCrossEntropy} averaged over
 * the batch, the updates of {@link FastUpdate}. The unit tests check it against
 * DL4J's {@code fit} step by step.
 *
 * <p>Accepted: float networks fed [n, 1, 28, 28] images, made of {@link FastConvLayer}s (optionally frozen, after
 * a {@link ReflectPadding}) with ReLU, 2×2/stride-2 max or average pooling, a global average pool, ReLU
 * {@link DenseLayer}s, and a softmax cross-entropy {@link OutputLayer}; no regularisation, dropout, weight noise,
 * constraints or gradient normalisation.
 */
public final class EdgeFastPath implements TrainStep {

    private final MultiLayerNetwork net;
    private final List<FastOp> ops;
    /** For each op: does any earlier op train (so the gradient must flow back through this one)? */
    private final boolean[] needInput;

    private final List<FastUpdate> updates = new ArrayList<>();
    private int iteration;

    private EdgeFastPath(MultiLayerNetwork net, List<FastOp> ops, IUpdater updater) {
        this.net = net;
        this.ops = ops;
        this.needInput = new boolean[ops.size()];
        boolean trainsBefore = false;
        for (int i = 0; i < ops.size(); i++) {
            needInput[i] = trainsBefore;
            float[][] pg = ops.get(i).paramsAndGrads();
            trainsBefore |= pg.length > 0;
            for (int j = 0; updater != null && j < pg.length; j += 2) {
                updates.add(FastUpdate.of(updater, pg[j].length));
            }
        }
    }

    /**
     * A fast path for {@code net} trained with {@code updater} (null: evaluation only), or null when the network or
     * the optimizer is not one it reproduces exactly.
     */
    public static EdgeFastPath tryCreate(MultiLayerNetwork net, IUpdater updater) {
        if (updater != null && !FastUpdate.supports(updater)) {
            return null;
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        if (conf.getBackpropType() != BackpropType.Standard || conf.getDataType() != DataType.FLOAT) {
            return null;
        }
        List<FastOp> ops = new ArrayList<>();
        int[] chw = {1, EdgeDetectionDataset.SIZE, EdgeDetectionDataset.SIZE};
        for (int i = 0; i < net.getnLayers(); i++) {
            NeuralNetConfiguration lc = conf.getConf(i);
            Layer l = lc.getLayer();
            boolean frozen = l instanceof FrozenLayer;
            if (frozen) {
                l = ((FrozenLayer) l).getLayer();
            }
            InputPreProcessor pre = conf.getInputPreProcess(i);
            int pad = pre instanceof ReflectPadding r ? r.getPad() : 0;
            boolean last = i == net.getnLayers() - 1;
            FastOp op = lc.isMiniBatch()
                            && (pre == null
                                    || pre instanceof ReflectPadding
                                    || pre instanceof CnnToFeedForwardPreProcessor)
                    ? op(net, i, l, frozen, pad, chw, last)
                    : null;
            if (op == null) {
                return null;
            }
            ops.add(op);
        }
        return new EdgeFastPath(net, ops, updater);
    }

    /** The op for layer {@code i}, updating {@code chw} to its output shape; null if unsupported. */
    private static FastOp op(MultiLayerNetwork net, int i, Layer l, boolean frozen, int pad, int[] chw, boolean last) {
        if (l instanceof BaseLayer b && !plain(b)) {
            return null;
        }
        org.deeplearning4j.nn.api.Layer impl = net.getLayer(i);
        if (l instanceof FastConvLayer c && isRelu(c) && c.hasBias() && !last) {
            if (c.getNIn() != chw[0]) {
                return null;
            }
            FastConvOp op = new FastConvOp(impl, frozen, pad, chw[0], chw[1], chw[2]);
            set(chw, op.channels(), op.outHeight(), op.outWidth());
            return op;
        }
        if (frozen || l.getIDropout() != null) {
            return null;
        }
        if (l instanceof SubsamplingLayer s && isPool2(s)) {
            FastPoolOp op = new FastPoolOp(
                    s.getPoolingType() == PoolingType.MAX ? FastPoolOp.Kind.MAX2 : FastPoolOp.Kind.AVG2,
                    chw[0],
                    chw[1],
                    chw[2]);
            set(chw, chw[0], op.outHeight(), op.outWidth());
            return op;
        }
        if (l instanceof GlobalPoolingLayer g && g.getPoolingType() == PoolingType.AVG && g.isCollapseDimensions()) {
            FastPoolOp op = new FastPoolOp(FastPoolOp.Kind.GLOBAL_AVG, chw[0], chw[1], chw[2]);
            set(chw, chw[0], 1, 1);
            return op;
        }
        boolean dense = l.getClass() == DenseLayer.class && isRelu((BaseLayer) l) && !last;
        boolean output = l.getClass() == OutputLayer.class
                && last
                && ((OutputLayer) l).getActivationFn() instanceof ActivationSoftmax
                && ((OutputLayer) l).getLossFn() != null
                && ((OutputLayer) l).getLossFn().getClass() == LossMCXENT.class
                && ((LossMCXENT) ((OutputLayer) l).getLossFn()).getWeights() == null;
        if ((dense && ((DenseLayer) l).hasBias()) || (output && ((OutputLayer) l).hasBias())) {
            FastDenseOp op = new FastDenseOp(impl, dense);
            if (op.nIn() != chw[0] * chw[1] * chw[2]) {
                return null;
            }
            set(chw, op.outSize(), 1, 1);
            return op;
        }
        return null;
    }

    private static void set(int[] chw, int c, int h, int w) {
        chw[0] = c;
        chw[1] = h;
        chw[2] = w;
    }

    private static boolean plain(BaseLayer b) {
        return isEmpty(b.getRegularization())
                && isEmpty(b.getRegularizationBias())
                && b.getIDropout() == null
                && b.getWeightNoise() == null
                && isEmpty(b.getConstraints())
                && (b.getGradientNormalization() == null || b.getGradientNormalization() == GradientNormalization.None);
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static boolean isRelu(BaseLayer b) {
        return new ActivationReLU().equals(b.getActivationFn());
    }

    private static boolean isPool2(SubsamplingLayer s) {
        return (s.getPoolingType() == PoolingType.MAX || s.getPoolingType() == PoolingType.AVG)
                && s.getKernelSize()[0] == 2
                && s.getKernelSize()[1] == 2
                && s.getStride()[0] == 2
                && s.getStride()[1] == 2
                && s.getPadding()[0] == 0
                && s.getPadding()[1] == 0
                && s.getConvolutionMode() != org.deeplearning4j.nn.conf.ConvolutionMode.Same;
    }

    /** The logits of {@code n} images. */
    private float[] forward(float[] x, int n, boolean training) {
        float[] a = x;
        for (FastOp op : ops) {
            a = op.forward(a, n, training);
        }
        return a;
    }

    /**
     * One SGD step on a batch, like DL4J's {@code fit(x, y)}: returns {batch-mean loss (DL4J's score), number of
     * images classified correctly by the forward pass before the update}.
     */
    double[] step(float[] x, int[] y) {
        int n = y.length;
        float[] z = forward(x, n, true);
        int classes = z.length / n;
        float[] d = new float[z.length];
        int[] predicted = new int[n];
        double loss = SoftmaxCrossEntropy.lossAndGradient(z, y, n, classes, d, predicted);
        int correct = 0;
        for (int r = 0; r < n; r++) {
            correct += predicted[r] == y[r] ? 1 : 0;
        }
        for (int i = ops.size() - 1; i >= 0 && d != null; i--) {
            d = ops.get(i).backward(d, n, needInput[i]);
        }
        int u = 0;
        for (FastOp op : ops) {
            float[][] pg = op.paramsAndGrads();
            for (int j = 0; j < pg.length; j += 2) {
                updates.get(u++).apply(pg[j], pg[j + 1], iteration);
            }
        }
        iteration++;
        return new double[] {loss, correct};
    }

    /**
     * One step on [n, 1, 28, 28] images and one-hot labels, as DL4J's {@code fit(x, y)} then {@code score()}. The
     * parameters stay here until {@link #close} or {@link #writeBack}.
     */
    @Override
    public double fit(INDArray features, INDArray labels) {
        if (updates.isEmpty() && ops.stream().anyMatch(op -> op.paramsAndGrads().length > 0)) {
            throw new IllegalStateException("this fast path was made for evaluation only (no updater): "
                    + "make it with EdgeFastPath.tryCreate(net, optimizer) to train");
        }
        float[] x = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] y = labels.argMax(1).toIntVector();
        return step(x, y)[0];
    }

    /** Writes the parameters back into the network, which then holds what the steps trained. */
    @Override
    public void close() {
        writeBack();
    }

    /** {@code evaluate}: what {@link EdgeTraining#evaluate} computes, with the parameters held here. */
    public EdgeEvaluation evaluate(EdgeLoader loader) {
        int c = loader.numClasses();
        int[][] confusion = new int[c][c];
        double lossSum = 0;
        long correct = 0;
        for (int[] idx : loader.batchIndices()) {
            float[] z = forward(loader.pixels(idx), idx.length, false);
            int[] y = loader.labels(idx);
            int classes = z.length / idx.length;
            if (classes != c) {
                throw new IllegalArgumentException("the network has " + classes + " outputs, the data " + c
                        + " classes: build the model with numClasses = " + c);
            }
            double batchLoss = 0;
            for (int k = 0; k < y.length; k++) {
                double[] p = SoftmaxCrossEntropy.softmax(z, k, classes);
                int pred = SoftmaxCrossEntropy.argMax(p);
                confusion[y[k]][pred]++;
                correct += pred == y[k] ? 1 : 0;
                batchLoss -= Math.log(Math.max(p[y[k]], 1e-12));
            }
            lossSum += batchLoss / y.length;
        }
        return new EdgeEvaluation(lossSum / loader.size(), 100.0 * correct / loader.size(), confusion);
    }

    /** Writes the trained parameters into the network (and its iteration count, as {@code fit} would advance it). */
    public void writeBack() {
        for (FastOp op : ops) {
            op.writeBack();
        }
        net.getLayerWiseConfigurations().setIterationCount(iteration);
    }
}
