package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.dnnl.dnnl_memory;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link ComputationGraph} compiled to oneDNN primitives for one minibatch size: the graph's vertices in
 * topological order as {@link Node}s, the activations and gradients they share, and the softmax head. Parameters and
 * gradients are DL4J's own buffers (addresses taken here), so nothing is copied between DL4J and oneDNN.
 */
final class GraphPlan {
    private final Dnnl dnnl;
    private final List<Node> nodes = new ArrayList<>();
    private final Tensor input;
    private final Map<String, Tensor> tensors = new HashMap<>();
    private final SoftmaxHead head;
    final int batch;

    GraphPlan(Dnnl dnnl, ComputationGraph net, long[] inputDims) {
        this.dnnl = dnnl;
        this.batch = (int) inputDims[0];
        var conf = net.getConfiguration();
        List<Tensor> all = new ArrayList<>();
        Map<String, List<String>> consumers = new HashMap<>();
        conf.getVertexInputs().forEach((v, ins) -> ins.forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(v)));
        java.util.Set<String> fusedRelus = new java.util.HashSet<>();
        Tensor in = null;
        SoftmaxHead out = null;
        for (int idx : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[idx];
            String name = v.getVertexName();
            if (v.isInputVertex()) {
                var md = Dnnl.md(dnnl_nchw, inputDims);
                in = new Tensor(name, inputDims, md, dnnl.memory(md, null));
                tensors.put(name, in);
                continue;
            }
            List<String> inputs = conf.getVertexInputs().get(name);
            Tensor x = tensors.get(inputs.get(0));
            if (fusedRelus.contains(name)) {   // computed by the batch norm before it
                tensors.put(name, x);
                continue;
            }
            Tensor y;
            if (v.hasLayer()) {
                Layer layer = v.getLayer();
                Object lc = layer.conf().getLayer();
                if (lc instanceof ConvolutionLayer c && lc.getClass() == ConvolutionLayer.class) {
                    ConvNode node = new ConvNode(dnnl, name, x, layer.getParam(DefaultParamInitializer.WEIGHT_KEY),
                            gradients(layer).get(DefaultParamInitializer.WEIGHT_KEY), c.getStride(), c.getPadding());
                    nodes.add(node);
                    y = node.y;
                } else if (lc instanceof BatchNormalization bn) {
                    var g = gradients(layer);
                    String varKey = bn.isUseLogStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                            : BatchNormalizationParamInitializer.GLOBAL_VAR;
                    INDArray gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
                    INDArray beta = layer.getParam(BatchNormalizationParamInitializer.BETA);
                    INDArray dGamma = g.get(BatchNormalizationParamInitializer.GAMMA);
                    INDArray dBeta = g.get(BatchNormalizationParamInitializer.BETA);
                    long ga = NativeArrays.address(gamma);
                    long dga = NativeArrays.address(dGamma);
                    if (NativeArrays.address(beta) != ga + 4 * gamma.length()
                            || NativeArrays.address(dBeta) != dga + 4 * gamma.length()) {
                        throw new IllegalStateException(name + ": gamma and beta are not adjacent in DL4J's views");
                    }
                    var views = new BatchNormNode.BatchNormViews(ga, dga,
                            NativeArrays.address(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN)),
                            NativeArrays.address(layer.getParam(varKey)),
                            NativeArrays.address(g.get(BatchNormalizationParamInitializer.GLOBAL_MEAN)),
                            NativeArrays.address(g.get(varKey)));
                    // BN → ReLU layer, the BN's only consumer: one oneDNN primitive each way (DL4J itself
                    // ignores a BatchNormalization's own activation, and so does this)
                    List<String> next = consumers.getOrDefault(name, List.of());
                    boolean fuse = next.size() == 1 && !conf.getNetworkOutputs().contains(name)
                            && isRelu(net.getVertex(next.get(0)));
                    if (fuse) {
                        fusedRelus.add(next.get(0));
                    }
                    BatchNormNode node = new BatchNormNode(dnnl, name, x, views, bn.getEps(), bn.getDecay(),
                            bn.isUseLogStd(), fuse);
                    nodes.add(node);
                    y = node.y;
                } else if (lc instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer) {
                    EltwiseNode node = EltwiseNode.relu(dnnl, name, x);
                    nodes.add(node);
                    y = node.y;
                } else if (lc instanceof SubsamplingLayer s && lc.getClass() == SubsamplingLayer.class) {
                    PoolNode node = new PoolNode(dnnl, name, x, true, s.getKernelSize(), s.getStride(), s.getPadding());
                    nodes.add(node);
                    y = node.y;
                } else if (lc instanceof org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer) {
                    int[] k = {(int) x.dims[2], (int) x.dims[3]};
                    PoolNode node = new PoolNode(dnnl, name, x, false, k, new int[] {1, 1}, new int[] {0, 0});
                    nodes.add(node);
                    y = node.y;
                } else if (lc instanceof org.deeplearning4j.nn.conf.layers.OutputLayer) {
                    var g = gradients(layer);
                    out = new SoftmaxHead(dnnl, x, layer.getParam(DefaultParamInitializer.WEIGHT_KEY),
                            layer.getParam(DefaultParamInitializer.BIAS_KEY), g.get(DefaultParamInitializer.WEIGHT_KEY),
                            g.get(DefaultParamInitializer.BIAS_KEY));
                    continue;
                } else {
                    throw new IllegalArgumentException(OneDnnTrainer.unsupportedReason(net));
                }
            } else {
                var vc = conf.getVertices().get(name);
                if (vc instanceof org.deeplearning4j.nn.conf.graph.ScaleVertex sv) {
                    EltwiseNode node = EltwiseNode.scale(dnnl, name, x, (float) sv.getScaleFactor());
                    nodes.add(node);
                    y = node.y;
                } else if (vc instanceof org.deeplearning4j.nn.conf.graph.MergeVertex) {
                    ConcatNode node = new ConcatNode(dnnl, name, inputs.stream().map(tensors::get).toList());
                    nodes.add(node);
                    y = node.y;
                } else {
                    AddNode node = new AddNode(dnnl, name, x, tensors.get(inputs.get(1)));
                    nodes.add(node);
                    y = node.y;
                }
            }
            tensors.put(name, y);
            all.add(y);
        }
        if (out == null) {
            throw new IllegalArgumentException("graph has no softmax output layer");
        }
        all.forEach(t -> t.wire(dnnl));
        this.input = in;
        this.head = out;
    }

    /** A copy (plain NCHW) of the named vertex's last activation, or of its gradient; for tests and debugging. */
    INDArray activation(String name, boolean gradient) {
        Tensor t = tensors.get(name);
        INDArray out = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, t.dims);
        var plain = Dnnl.md(dnnl_nchw, t.dims);
        dnnl_memory m = dnnl.memory(plain, NativeArrays.floats(NativeArrays.address(out), out.length()));
        dnnl.reorder(dnnl.copy(t.md, plain), gradient ? t.diff : t.mem, m);
        dnnl.waitForStream();
        return out;
    }

    private static boolean isRelu(GraphVertex v) {
        return v.hasLayer() && v.getLayer().conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer a
                && a.getActivationFn() instanceof ActivationReLU;
    }

    private static Map<String, INDArray> gradients(Layer layer) {
        var conf = layer.conf();
        return conf.getLayer().initializer().getGradientsFromFlattened(conf, layer.getGradientsViewArray());
    }

    /**
     * Forward and backward for one minibatch; gradients (scaled by {@code gradScale}) land in DL4J's gradient
     * view. Returns the mean loss.
     */
    double run(INDArray features, float[] labels, float gradScale) {
        dnnl_memory m = input.mem;
        Dnnl.setHandle(m, NativeArrays.address(features));
        for (Node node : nodes) {
            node.forward();
        }
        double loss = head.forward(labels, gradScale);
        head.backward();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).backward();
        }
        dnnl.waitForStream();
        return loss;
    }
}
