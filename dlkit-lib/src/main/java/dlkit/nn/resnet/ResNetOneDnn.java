package dlkit.nn.resnet;

import java.lang.reflect.Field;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Puts ND4J's oneDNN kernels under a DL4J {@link ComputationGraph}'s convolution and batch-norm layers, which
 * DL4J 1.0.0-M2.1 leaves on its slow built-in path even with the oneDNN build of nd4j-native.
 *
 * <p>Why this exists (measured on ResNet-18, 32×32, batch 64, see bench/resnet18_results.md): DL4J's built-in
 * convolution is im2col + GEMM, and its im2col into the layer's permuted buffer alone took ~30 % of a training step;
 * its batch norm is a chain of broadcast ops (~35 %). DL4J ships oneDNN "helpers" for both, but in M2.1 they never
 * switch on: {@code HelperUtils} creates none unless {@code -Dorg.eclipse.deeplearning4j.helpers.disable=false}, and
 * even then {@code BaseMKLDNNHelper.mklDnnEnabled()} looks for {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a
 * class that moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings} in M2, so every helper is dropped as
 * "not supported". This class sets the helpers on the layers directly.
 *
 * <p>Which layers: every plain {@link ConvolutionLayer} whose output is larger than 1×1, and every
 * {@link BatchNormalization} layer with trainable γ/β. A 3×3 convolution with a 1×1 output (ResNet-18's last stage at
 * CIFAR size) stays built-in: ND4J asks oneDNN for {@code convolution_auto}, which picks Winograd for its backward
 * pass there, ~150 ms per layer and step against ~20 ms built-in. The convolution helper also skips the second
 * forward pass that DL4J's backprop makes for nothing (see {@link ConvHelper}). The result is the same math
 * (parameter counts unchanged; values agree to float rounding, see ResNetTest).
 *
 * <p>Nothing happens unless the backend is nd4j-native built with oneDNN (the pom's {@code -onednn-avx2} classifier),
 * the data type is FLOAT (oneDNN's helpers are fp32 only), and {@code -Ddlkit.onednn=false} is not set.
 *
 * <pre>{@code
 * ComputationGraph net = ResNet.resnet18().inputSize(32, 32).build();   // build() calls attach already
 * int n = ResNetOneDnn.attach(graph, InputType.convolutional(32, 32, 3)); // any graph: layers switched
 * }</pre>
 */
public final class ResNetOneDnn {

    /** System property that turns the helpers off ({@code -Ddlkit.onednn=false}). */
    public static final String PROPERTY = "dlkit.onednn";

    private static Boolean available;

    private ResNetOneDnn() {}

    /** True when ND4J runs on the CPU backend built with oneDNN and the helpers are not switched off. */
    public static synchronized boolean available() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return false;
        }
        if (available == null) {
            boolean cpu = "CPU"
                    .equalsIgnoreCase(
                            Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
            available = cpu
                    && NativeOpsHolder.getInstance()
                            .getDeviceNativeOps()
                            .buildInfo()
                            .contains("HAVE_ONEDNN");
        }
        return available;
    }

    /**
     * Gives the graph's eligible layers oneDNN helpers; returns how many layers got one (0 when oneDNN is not
     * available). {@code inputTypes} are the graph's input types (they tell which convolutions end at 1×1).
     * Call after {@code init()}; a clone or a reloaded network needs another call.
     */
    public static int attach(ComputationGraph net, InputType... inputTypes) {
        if (!available()) {
            return 0;
        }
        ComputationGraphConfiguration conf = net.getConfiguration();
        Map<String, InputType> outTypes = conf.getLayerActivationTypes(inputTypes);
        DataType dt = net.params().dataType();
        if (dt != DataType.FLOAT) {
            return 0;
        }
        int n = 0;
        for (Layer layer : net.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (layer.getClass() == ConvolutionLayer.class && !winogradTrap(layer, outTypes.get(name))) {
                var c = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer)
                        layer.conf().getLayer();
                n += set(
                        layer,
                        ConvolutionLayer.class,
                        new ConvHelper(dt, c.getActivationFn() instanceof ActivationIdentity));
            } else if (layer.getClass() == BatchNormalization.class) {
                n += set(layer, BatchNormalization.class, new BatchNormHelper(dt));
            }
        }
        return n;
    }

    /** A kernel larger than 1×1 on a 1×1 output: oneDNN's Winograd backward pass is ~7× slower than built-in. */
    private static boolean winogradTrap(Layer layer, InputType out) {
        var c = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer)
                layer.conf().getLayer();
        boolean oneByOneOut =
                out instanceof InputType.InputTypeConvolutional t && t.getHeight() == 1 && t.getWidth() == 1;
        return oneByOneOut && (c.getKernelSize()[0] > 1 || c.getKernelSize()[1] > 1);
    }

    private static int set(Layer layer, Class<?> owner, Object helper) {
        try {
            Field f = owner.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(layer, helper);
            return 1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0; // a DL4J without this field: the layer keeps its built-in path
        }
    }

    /**
     * DL4J's oneDNN convolution helper that does not compute the forward pass twice. DL4J's
     * {@code ConvolutionLayer.backpropGradient} recomputes the layer's pre-activation only to pass it to the
     * activation's derivative, which for the identity (every ResNet convolution: batch norm follows) ignores it.
     * So when that recomputation asks for exactly the input and weights of the forward pass just done, this returns
     * the forward's output instead (the forward conv is ~15 % of a ResNet-18 step); every other call computes.
     */
    static final class ConvHelper extends MKLDNNConvHelper { // DL4J tests "instanceof MKLDNNConvHelper"
        private static final StackWalker STACK = StackWalker.getInstance();
        private final boolean identity;
        private INDArray lastInput;
        private INDArray lastWeights;
        private INDArray lastOutput;

        ConvHelper(DataType dataType, boolean identity) {
            super(dataType);
            this.identity = identity;
        }

        @Override
        public boolean checkSupported() {
            return true;
        }

        @Override
        public INDArray preOutput(
                INDArray input,
                INDArray weights,
                INDArray bias,
                int[] kernel,
                int[] strides,
                int[] pad,
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode algoMode,
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo fwdAlgo,
                ConvolutionMode convolutionMode,
                int[] dilation,
                CNN2DFormat format,
                LayerWorkspaceMgr workspaceMgr) {
            if (identity && lastOutput != null && input == lastInput && weights == lastWeights && forBackprop()) {
                INDArray z = lastOutput;
                forget();
                return z;
            }
            INDArray z = super.preOutput(
                    input,
                    weights,
                    bias,
                    kernel,
                    strides,
                    pad,
                    algoMode,
                    fwdAlgo,
                    convolutionMode,
                    dilation,
                    format,
                    workspaceMgr);
            if (identity) {
                lastInput = input;
                lastWeights = weights;
                lastOutput = z;
            }
            return z;
        }

        /** True when DL4J's {@code backpropGradient} is the caller (a few frames up). */
        private static boolean forBackprop() {
            return STACK.walk(
                    frames -> frames.limit(6).anyMatch(f -> f.getMethodName().equals("backpropGradient")));
        }

        private void forget() {
            lastInput = null;
            lastWeights = null;
            lastOutput = null;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(
                INDArray input,
                INDArray weights,
                INDArray bias,
                INDArray delta,
                int[] kernel,
                int[] strides,
                int[] pad,
                INDArray biasGradView,
                INDArray weightGradView,
                IActivation afn,
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode algoMode,
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo,
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo bwdDataAlgo,
                ConvolutionMode convolutionMode,
                int[] dilation,
                CNN2DFormat format,
                LayerWorkspaceMgr workspaceMgr) {
            forget();
            return super.backpropGradient(
                    input,
                    weights,
                    bias,
                    delta,
                    kernel,
                    strides,
                    pad,
                    biasGradView,
                    weightGradView,
                    afn,
                    algoMode,
                    bwdFilterAlgo,
                    bwdDataAlgo,
                    convolutionMode,
                    dilation,
                    format,
                    workspaceMgr);
        }
    }

    /**
     * DL4J's oneDNN batch-norm helper, minus its broken availability check (see the class comment); like the
     * original it declines fixed γ/β, where the built-in path applies.
     */
    static final class BatchNormHelper extends MKLDNNBatchNormHelper {
        BatchNormHelper(DataType dataType) {
            super(dataType);
        }

        @Override
        public boolean checkSupported(double eps, boolean fixedGammaBeta) {
            return !fixedGammaBeta;
        }

        @Override
        public boolean checkSupported() {
            return true;
        }
    }
}
