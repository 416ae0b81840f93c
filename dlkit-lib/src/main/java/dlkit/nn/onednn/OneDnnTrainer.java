package dlkit.nn.onednn;

import dlkit.nn.TrainStep;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Trains a DL4J {@link ComputationGraph} made of ResNet parts (bias-free convolutions, batch norm, ReLU layers,
 * residual adds, max pooling, global average pooling, scale and channel-merge vertices (ResNet-20's option-A
 * shortcut), a softmax/cross-entropy output layer) with
 * oneDNN primitives doing the forward and backward passes, and DL4J's own updater doing the step.
 *
 * <p>Why: DL4J reaches oneDNN only through ND4J ops that rebuild primitives, re-derive batch-norm gradients with
 * generic ops and convert layouts on every call; a ResNet-18 step at CIFAR size costs about twice PyTorch's CPU time
 * that way (bench/resnet18_results.md). Here primitives are built once per minibatch size, activations stay in
 * oneDNN's blocked layouts, batch norm and its ReLU are one primitive each way, and the input image gets no gradient.
 *
 * <p>It is the same training as {@code net.fit}: parameters, gradients, updater state and BN running statistics are
 * the network's own arrays (oneDNN reads and writes them in place), the gradient is DL4J's (the minibatch mean),
 * and the running statistics follow DL4J's rule. OneDnnTrainerTest checks scores, activations and parameters
 * against {@code net.fit} step by step. The network stays usable with DL4J throughout
 * (evaluate, save, fit).
 *
 * <pre>{@code
 * if (OneDnnTrainer.supports(net)) {
 *     try (OneDnnTrainer t = OneDnnTrainer.of(net)) { double loss = t.fit(dataSet); }
 * }
 * }</pre>
 */
public final class OneDnnTrainer implements TrainStep {

    /** System property that turns this path off ({@code -Ddlkit.onednn=false}), as for ResNetOneDnn. */
    public static final String PROPERTY = "dlkit.onednn";

    private final ComputationGraph net;
    /** Frees a trainer's native buffers when it is dropped without {@link #close()} (e.g. in a notebook). */
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private final Dnnl dnnl = new Dnnl();
    private final java.lang.ref.Cleaner.Cleanable cleanable = CLEANER.register(this, dnnl::close);
    private final Map<Integer, GraphPlan> plans = new HashMap<>();
    private final long[] inputShape;
    private final boolean regularized;
    private final long classes;
    private long paramsAddress;
    private long gradientsAddress;
    private boolean closed;

    private OneDnnTrainer(ComputationGraph net, long[] inputShape) {
        this.net = net;
        this.inputShape = inputShape;
        this.classes = net.getLayer(net.getConfiguration().getNetworkOutputs().get(0))
                .getParam("b")
                .length();
        this.regularized = net.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex)
                .map(v -> ((LayerVertex) v).getLayerConf().getLayer())
                .anyMatch(l -> l instanceof BaseLayer b
                        && (!b.getRegularization().isEmpty()
                                || !b.getRegularizationBias().isEmpty()));
    }

    /**
     * A trainer for {@code net} (initialised, FLOAT, on ND4J's CPU backend). {@code channels, height, width}: the
     * input image size. Throws {@link IllegalArgumentException} naming what is not supported.
     */
    public static OneDnnTrainer of(ComputationGraph net, int channels, int height, int width) {
        String why = unsupportedReason(net);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();
        }
        return new OneDnnTrainer(net, new long[] {channels, height, width});
    }

    /**
     * The training step for {@code net}: this trainer when it accepts the network (and oneDNN is on), else DL4J's
     * {@code fit} ({@link TrainStep#dl4j}).
     */
    public static TrainStep stepFor(ComputationGraph net, int channels, int height, int width) {
        return supports(net) ? of(net, channels, height, width) : TrainStep.dl4j(net);
    }

    /** True when {@link #of} accepts the network and oneDNN is not switched off. */
    public static boolean supports(ComputationGraph net) {
        return unsupportedReason(net) == null;
    }

    /** Why this network cannot train here (one line), or null when it can. */
    public static String unsupportedReason(ComputationGraph net) {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return "oneDNN training is switched off (-D" + PROPERTY + "=false)";
        }
        if (!"CPU"
                .equalsIgnoreCase(
                        Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"))) {
            return "oneDNN training needs ND4J's CPU backend";
        }
        if (net.params() == null || net.params().dataType() != DataType.FLOAT) {
            return "oneDNN training needs an initialised FLOAT network";
        }
        var conf = net.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            return "oneDNN training needs one input and one output";
        }
        if (!net.getListeners().isEmpty()) {
            return "oneDNN training does not call DL4J listeners";
        }
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            String why = unsupported(
                    e.getKey(),
                    e.getValue(),
                    conf.getVertexInputs().get(e.getKey()).size());
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static String unsupported(String name, GraphVertex v, int inputs) {
        if (v instanceof ElementWiseVertex ew) {
            return ew.getOp() == ElementWiseVertex.Op.Add && inputs == 2 ? null : name + ": only 2-input adds";
        }
        if (v instanceof ScaleVertex) {
            return null;
        }
        if (v instanceof MergeVertex m) {
            return m.getMergeAxis() == 1 ? null : name + ": only merges along the channels";
        }
        if (!(v instanceof LayerVertex lv)) {
            return name + ": " + v.getClass().getSimpleName() + " is not supported";
        }
        if (lv.getPreProcessor() != null) {
            return name + ": input preprocessors are not supported";
        }
        Layer l = lv.getLayerConf().getLayer();
        if (l.getIDropout() != null) {
            return name + ": dropout is not supported";
        }
        if (l instanceof BaseLayer b
                && (b.getWeightNoise() != null
                        || (b.getGradientNormalization() != null
                                && b.getGradientNormalization() != GradientNormalization.None))) {
            return name + ": weight noise and gradient normalization are not supported";
        }
        if (l.getClass() == ConvolutionLayer.class) {
            ConvolutionLayer c = (ConvolutionLayer) l;
            boolean ok = !c.hasBias()
                    && c.getActivationFn() instanceof ActivationIdentity
                    && c.getDilation()[0] == 1
                    && c.getDilation()[1] == 1
                    && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                    && (c.getConvolutionMode() == ConvolutionMode.Truncate
                            || c.getConvolutionMode() == ConvolutionMode.Strict);
            return ok ? null : name + ": only bias-free, identity, undilated NCHW convolutions in Truncate mode";
        }
        if (l instanceof BatchNormalization bn) {
            // (its activation is ignored, as DL4J ignores it)
            boolean ok = !bn.isLockGammaBeta() && bn.getCnn2DFormat() == CNN2DFormat.NCHW;
            return ok ? null : name + ": only trainable NCHW batch norm";
        }
        if (l instanceof ActivationLayer a) {
            return a.getActivationFn() instanceof ActivationReLU ? null : name + ": only ReLU activation layers";
        }
        if (l.getClass() == SubsamplingLayer.class) {
            SubsamplingLayer s = (SubsamplingLayer) l;
            boolean ok = s.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX
                    && s.getDilation()[0] == 1
                    && s.getDilation()[1] == 1
                    && s.getCnn2dDataFormat() == CNN2DFormat.NCHW
                    && (s.getConvolutionMode() == ConvolutionMode.Truncate
                            || s.getConvolutionMode() == ConvolutionMode.Strict);
            return ok ? null : name + ": only max pooling in Truncate mode";
        }
        if (l instanceof GlobalPoolingLayer g) {
            boolean ok = g.getPoolingType() == PoolingType.AVG
                    && g.isCollapseDimensions()
                    && (g.getPoolingDimensions() == null
                            || java.util.Arrays.equals(g.getPoolingDimensions(), new int[] {2, 3}));
            return ok ? null : name + ": only global average pooling over height and width";
        }
        if (l.getClass() == OutputLayer.class) {
            OutputLayer o = (OutputLayer) l;
            boolean ok = o.getLossFn() instanceof LossMCXENT x
                    && x.getWeights() == null
                    && o.hasBias()
                    && o.getActivationFn() instanceof ActivationSoftmax;
            return ok ? null : name + ": only a softmax output with multi-class cross-entropy";
        }
        return name + ": " + l.getClass().getSimpleName() + " is not supported";
    }

    /** One training step on a minibatch (features N×C×H×W, one-hot or soft labels N×classes); returns the score. */
    @Override
    public double fit(INDArray features, INDArray labels) {
        if (features.rank() != 4
                || features.size(1) != inputShape[0]
                || features.size(2) != inputShape[1]
                || features.size(3) != inputShape[2]) {
            throw new IllegalArgumentException("features must be N×" + inputShape[0] + "×" + inputShape[1] + "×"
                    + inputShape[2] + ", got " + java.util.Arrays.toString(features.shape()));
        }
        if (closed) {
            throw new IllegalStateException(
                    "this OneDnnTrainer is closed; make a new one with OneDnnTrainer.of(net, ...)");
        }
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();
        }
        long address = net.params().data().addressPointer().address();
        long gradAddress = net.getGradientsViewArray().data().addressPointer().address();
        if (address != paramsAddress || gradAddress != gradientsAddress) {
            // a re-initialised network has new buffers, and the plans hold the old addresses
            plans.clear();
            dnnl.release();
            paramsAddress = address;
            gradientsAddress = gradAddress;
        }
        int n = (int) features.size(0);
        INDArray x = features.dataType() == DataType.FLOAT && features.ordering() == 'c' && !features.isView()
                ? features
                : features.castTo(DataType.FLOAT).dup('c');
        float[] y = labels.castTo(DataType.FLOAT).dup('c').data().asFloat();
        if (y.length != (long) n * classes) {
            throw new IllegalArgumentException(
                    "labels must be N×classes, got " + java.util.Arrays.toString(labels.shape()));
        }
        GraphPlan plan = plans.computeIfAbsent(
                n, b -> new GraphPlan(dnnl, net, new long[] {b, inputShape[0], inputShape[1], inputShape[2]}));
        // DL4J divides gradients by the minibatch size in a separate pass over all parameters; the 1/n goes into
        // the loss gradient instead (the same gradients, one pass fewer), so the updater runs with miniBatch off
        var conf = net.conf();
        boolean miniBatch = conf.isMiniBatch();
        double loss = plan.run(x, y, miniBatch ? n : 1);

        INDArray grad = net.getGradientsViewArray();
        int iteration = net.getIterationCount();
        conf.setMiniBatch(false);
        try {
            net.getUpdater()
                    .update(
                            new DefaultGradient(grad),
                            iteration,
                            net.getEpochCount(),
                            n,
                            LayerWorkspaceMgr.noWorkspaces());
        } finally {
            conf.setMiniBatch(miniBatch);
        }
        net.params().subi(grad.reshape(net.params().shape()));
        double score = loss + (regularized ? net.calcRegularizationScore(true) : 0);
        net.getConfiguration().setIterationCount(iteration + 1);
        net.setScore(score);
        return score;
    }

    /** One training step on a DataSet (no masks). */
    public double fit(DataSet ds) {
        if (ds.getFeaturesMaskArray() != null || ds.getLabelsMaskArray() != null) {
            throw new IllegalArgumentException("masks are not supported");
        }
        return fit(ds.getFeatures(), ds.getLabels());
    }

    /** One epoch over the iterator (reset first when it can be), then DL4J's epoch count goes up; returns the mean score. */
    public double fit(DataSetIterator it) {
        if (it.resetSupported()) {
            it.reset();
        }
        double sum = 0;
        int batches = 0;
        while (it.hasNext()) {
            sum += fit(it.next());
            batches++;
        }
        net.incrementEpochCount();
        return batches == 0 ? Double.NaN : sum / batches;
    }

    /**
     * Bytes of the buffers this trainer holds besides the network's own arrays: activations and their gradients,
     * weights in oneDNN's layouts, for every minibatch size seen so far.
     */
    @Override
    public long bufferBytes() {
        return dnnl.allocatedBytes();
    }

    /** The last activation (or its gradient) of a vertex for the given minibatch size, plain NCHW; for tests. */
    INDArray activation(int batch, String vertex, boolean gradient) {
        return plans.get(batch).activation(vertex, gradient);
    }

    @Override
    public void close() {
        closed = true;
        plans.clear();
        cleanable.clean();
    }
}
