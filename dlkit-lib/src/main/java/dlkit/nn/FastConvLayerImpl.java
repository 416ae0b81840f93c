package dlkit.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The layer of {@link FastConvLayer}: valid cross-correlation, stride 1, with plain loops over float arrays. */
final class FastConvLayerImpl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    FastConvLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private static float[] floats(INDArray a) {
        INDArray c = a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView()
                ? a
                : a.castTo(DataType.FLOAT).dup('c');
        float[] all = c.data().asFloat();
        if (all.length == c.length()) {
            return all;
        }
        return c.dup('c').data().asFloat();
    }

    /** The convolution's shape for the current input, checked against the weights. */
    private FastConv.Shape shape() {
        long[] s = input.shape();
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        if (w.size(1) != s[1]) {
            throw new IllegalStateException("input has " + s[1] + " channels, layer expects " + w.size(1));
        }
        return new FastConv.Shape((int) s[0], (int) s[1], (int) s[2], (int) s[3], (int) w.size(0), (int) w.size(2));
    }

    private INDArray preActivation() {
        FastConv.Shape s = shape();
        float[] out = FastConv.forward(
                floats(input),
                s,
                floats(getParam(ConvolutionParamInitializer.WEIGHT_KEY)),
                floats(getParam(ConvolutionParamInitializer.BIAS_KEY)));
        return Nd4j.create(out, new long[] {s.n(), s.o(), s.ho(), s.wo()}, 'c').castTo(dataType);
    }

    /** The pre-activation of the last training forward pass and the input it was computed from. */
    private INDArray lastZ;

    private INDArray lastInput;

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray z = preActivation();
        if (training) {
            lastZ = z.dup();
            lastInput = input;
        } else {
            lastZ = null;
            lastInput = null;
        }
        INDArray a = layerConf().getActivationFn().getActivation(z, training);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, a);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray z = lastZ != null && lastInput == input ? lastZ : preActivation();
        lastZ = null;
        lastInput = null;
        INDArray delta =
                layerConf().getActivationFn().backprop(z, epsilon.dup()).getFirst();
        FastConv.Shape s = shape();
        float[] d = floats(delta);
        float[] dW = new float[s.o() * s.c() * s.k() * s.k()];
        float[] db = new float[s.o()];
        FastConv.filterGradient(floats(input), s, d, dW, db);
        // the first layer's input gradient is never used (nothing trains before it)
        float[] dX = getIndex() == 0
                ? null
                : FastConv.inputGradient(d, s, floats(getParam(ConvolutionParamInitializer.WEIGHT_KEY)));
        INDArray wGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        wGrad.assign(Nd4j.create(dW, wGrad.shape(), 'c').castTo(wGrad.dataType()));
        bGrad.assign(Nd4j.create(db, bGrad.shape(), 'c').castTo(bGrad.dataType()));
        Gradient g = new DefaultGradient();
        g.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, bGrad);
        g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, wGrad, 'c');
        weightNoiseParams.clear();
        if (dX == null) {
            return new Pair<>(g, null);
        }
        INDArray eps = Nd4j.create(dX, input.shape(), 'c').castTo(input.dataType());
        return new Pair<>(g, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, eps));
    }
}
