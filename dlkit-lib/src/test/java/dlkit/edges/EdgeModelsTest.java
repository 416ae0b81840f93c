package dlkit.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.nn.FastConv;
import dlkit.nn.FastConvLayer;
import dlkit.nn.SgdMomentum;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class EdgeModelsTest {

    @Test
    void parameterCountsMatchThePyTorchModels() {
        assertEquals(606, EdgeModels.countParameters(EdgeModels.simpleCnn(7, 3, 0)));
        assertEquals(614, EdgeModels.countParameters(EdgeModels.simpleCnn(7, 5, 0)));
        assertEquals(614, EdgeModels.countParameters(EdgeModels.simpleCnnAvgPool(7, 5, 0)));
        assertEquals(126, EdgeModels.countParameters(EdgeModels.simpleCnn(3, 3, 0)));
        assertEquals(66, EdgeModels.countParameters(EdgeModels.simpleCnn(2, 3, 0)));
        assertEquals(39_793, EdgeModels.countParameters(EdgeModels.threeLayerMlp(new int[] {50, 10}, 3)));
        assertEquals(39_815, EdgeModels.countParameters(EdgeModels.threeLayerMlp(new int[] {50, 10}, 5)));
        assertEquals(2_105, EdgeModels.countParameters(EdgeModels.widerCnn(7, 5, 0)));
        assertEquals(1_502, EdgeModels.countParameters(EdgeModels.deeperCnn(7, 5, 0)));
    }

    @Test
    void outputShapesForEveryKernelSize() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        for (int k : new int[] {2, 3, 7}) {
            assertArrayEquals(
                    new long[] {4, 3}, EdgeModels.simpleCnn(k, 3, 1).output(x).shape());
        }
        assertArrayEquals(
                new long[] {4, 5}, EdgeModels.deeperCnn(7, 5, 1).output(x).shape());
        assertArrayEquals(
                new long[] {4, 3},
                EdgeModels.threeLayerMlp(new int[] {50, 10}, 3).output(x).shape());
    }

    @Test
    void initIsPyTorchsUniformAndTheMlpIgnoresTheSeed() {
        MultiLayerNetwork cnn = EdgeModels.simpleCnn(7, 3, 5);
        INDArray w = cnn.getLayer(0).getParam("W");
        double bound = 1 / Math.sqrt(49);
        assertTrue(w.amaxNumber().doubleValue() <= bound + 1e-7);
        assertTrue(w.amaxNumber().doubleValue() > 0.8 * bound);
        assertEquals(
                EdgeModels.threeLayerMlp(new int[] {50, 10}, 3).params(),
                EdgeModels.threeLayerMlp(new int[] {50, 10}, 3).params());
        assertEquals(cnn.params(), EdgeModels.simpleCnn(7, 3, 5).params());
    }

    /** The same network with DL4J's own ConvolutionLayer (zero padding off, input pre-padded by the test). */
    private static MultiLayerNetwork reference(int k) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .list()
                .layer(new ConvolutionLayer.Builder(k, k)
                        .nOut(3)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU)
                        .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(12, 12, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork fast(int k) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .list()
                .layer(new FastConvLayer(
                        new ConvolutionLayer.Builder(k, k).nOut(3).activation(Activation.RELU)))
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(12, 12, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void fastConvolutionGivesDl4jsOutputsAndGradients() {
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2, 12, 12).subi(0.3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 5, 3);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, i % 3, 1);
        }
        MultiLayerNetwork ref = reference(3);
        MultiLayerNetwork fast = fast(3);
        fast.setParams(ref.params().dup());
        assertTrue(ref.output(x).equalsWithEps(fast.output(x), 1e-5));
        ref.setInput(x);
        ref.setLabels(y);
        ref.computeGradientAndScore();
        fast.setInput(x);
        fast.setLabels(y);
        fast.computeGradientAndScore();
        Gradient gr = ref.gradient();
        Gradient gf = fast.gradient();
        assertEquals(ref.score(), fast.score(), 1e-6);
        assertTrue(gr.gradient().equalsWithEps(gf.gradient(), 1e-5), gr.gradient() + " vs " + gf.gradient());
        // the input gradient, through a second layer: compare a two-step update instead
        for (int step = 0; step < 2; step++) {
            ref.fit(x, y);
            fast.fit(x, y);
        }
        assertTrue(ref.params().equalsWithEps(fast.params(), 1e-4));
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        int n = 2;
        int c = 2;
        int h = 6;
        int w = 5;
        int o = 3;
        int k = 3;
        java.util.Random rng = new java.util.Random(1);
        float[] in = new float[n * c * h * w];
        float[] wt = new float[o * c * k * k];
        float[] d = new float[n * o * (h - k + 1) * (w - k + 1)];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < wt.length; i++) {
            wt[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        FastConv.Shape shape = new FastConv.Shape(n, c, h, w, o, k);
        float[] dx = FastConv.inputGradient(d, shape, wt);
        float[] bias = new float[o];
        for (int i : new int[] {0, 7, 31, 59, in.length - 1}) {
            float[] plus = in.clone();
            plus[i] += 1e-2f;
            float[] minus = in.clone();
            minus[i] -= 1e-2f;
            float[] op = FastConv.forward(plus, shape, wt, bias);
            float[] om = FastConv.forward(minus, shape, wt, bias);
            double num = 0;
            for (int j = 0; j < d.length; j++) {
                num += d[j] * (op[j] - om[j]) / 2e-2;
            }
            assertEquals(num, dx[i], 1e-2, "input " + i);
        }
    }

    @Test
    void edgeDetectorInitMatchesTheOriginal() {
        MultiLayerNetwork net = EdgeModels.simpleCnn(7, 3, 3);
        INDArray before = net.getLayer(0).getParam("W").dup();
        EdgeModels.initWithEdgeDetectors(net);
        INDArray w1 = net.getLayer(0).getParam("W");
        INDArray w2 = net.getLayer(EdgeModels.CONV2).getParam("W");
        for (int c = 0; c < 7; c++) {
            assertEquals(1.0, w1.getDouble(0, 0, 2, c));
            assertEquals(-1.0, w1.getDouble(0, 0, 3, c));
            assertEquals(0.0, w1.getDouble(0, 0, 5, c));
            assertEquals(1.0, w1.getDouble(1, 0, c, 2));
            assertEquals(-1.0, w1.getDouble(1, 0, c, 3));
        }
        assertEquals(before.getDouble(0, 0, 4, 4), w1.getDouble(2, 0, 4, 4), 0); // third = old first kernel
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 3; i++) {
                for (int r = 0; r < 7; r++) {
                    for (int c = 0; c < 7; c++) {
                        assertEquals(w1.getDouble(o, 0, r, c), w2.getDouble(o, i, r, c), 0);
                    }
                }
            }
        }
        assertEquals(0.0, net.getLayer(0).getParam("b").sumNumber().doubleValue());
        double[][] sobel = EdgeDetectors.customSobel(3, 0);
        assertArrayEquals(new double[] {-0.5, 0, 0.5}, sobel[0], 1e-12);
        assertArrayEquals(new double[] {-1, 0, 1}, sobel[1], 1e-12);
        assertArrayEquals(new double[] {-0.5, -1, -0.5}, EdgeDetectors.customSobel(3, 1)[0], 1e-12);
    }

    @Test
    void frozenConvKernelsDoNotChangeDuringTraining() {
        MultiLayerNetwork net = EdgeModels.simpleCnn(7, 3, 4);
        EdgeModels.initWithEdgeDetectors(net);
        MultiLayerNetwork frozen = EdgeModels.freezeConv(net);
        assertEquals(net.params(), frozen.params());
        assertEquals(12, EdgeModels.countParameters(frozen));
        INDArray conv1 = frozen.getLayer(0).getParam("W").dup();
        INDArray conv2 = frozen.getLayer(EdgeModels.CONV2).getParam("W").dup();
        INDArray fc = frozen.getLayer(4).getParam("W").dup();
        EdgeDetectionDataset ds =
                EdgeDetectionDataset.builder().dataPerClass(5).seed(1).build();
        EdgeTraining.trainModel(frozen, new SgdMomentum(1e-2, 0.9), 3, new EdgeLoader(ds, 5, true), null, null);
        assertEquals(conv1, frozen.getLayer(0).getParam("W"));
        assertEquals(conv2, frozen.getLayer(EdgeModels.CONV2).getParam("W"));
        assertTrue(!fc.equals(frozen.getLayer(4).getParam("W")), "the linear layer trains");
    }
}
