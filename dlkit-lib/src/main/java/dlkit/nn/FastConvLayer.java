package dlkit.nn;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J {@link ConvolutionLayer} configuration (stride 1, no padding, no dilation, NCHW) whose layer computes the
 * convolution with direct loops in Java instead of DL4J's im2col + GEMM path. For the homework's tiny networks
 * (3 filters, 28×28 images, batches of 10) DL4J's path costs tens of milliseconds per step on a busy 2-core
 * machine, almost all of it per-call overhead; the direct loops do the same arithmetic in about a millisecond.
 * Parameters ({@code W} [out, in, k, k], {@code b}), initialisation, activation, {@code FrozenLayer} wrapping and
 * serialisation are those of {@link ConvolutionLayer}; the unit tests compare outputs and gradients with it.
 *
 * <pre>{@code
 * new FastConvLayer(new ConvolutionLayer.Builder(7, 7).nOut(3).activation(Activation.RELU))
 * }</pre>
 */
public class FastConvLayer extends ConvolutionLayer {

    private static final long serialVersionUID = 1L;

    /** For serialisation. */
    public FastConvLayer() {
        super();
    }

    /** The layer that {@code builder.build()} would give, computed directly. */
    public FastConvLayer(ConvolutionLayer.Builder builder) {
        super(builder.stride(1, 1).padding(0, 0).dilation(1, 1).convolutionMode(ConvolutionMode.Truncate));
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        if (getStride()[0] != 1
                || getStride()[1] != 1
                || getPadding()[0] != 0
                || getPadding()[1] != 0
                || getDilation()[0] != 1
                || getDilation()[1] != 1
                || getKernelSize()[0] != getKernelSize()[1]) {
            throw new IllegalStateException("FastConvLayer supports square kernels, stride 1, padding 0 only");
        }
        FastConvLayerImpl ret = new FastConvLayerImpl(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }
}
