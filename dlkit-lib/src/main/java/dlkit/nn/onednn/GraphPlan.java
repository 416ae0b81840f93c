package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_memory;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
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

    GraphPlan(Dnnl dnnl, ComputationGraph net, long[] inputDims) {
        this.dnnl = dnnl;
        var conf = net.getConfiguration();
        List<Tensor> all = new ArrayList<>();
        Map<String, List<String>> consumers = new HashMap<>();
        conf.getVertexInputs()
                .forEach((v, ins) -> ins.forEach(i ->
                        consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(v)));
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
            if (fusedRelus.contains(name)) { // computed by the batch norm before it
                tensors.put(name, x);
                continue;
            }
            if (v.hasLayer() && v.getLayer().conf().getLayer() instanceof OutputLayer) {
                Layer layer = v.getLayer();
                var g = gradients(layer);
                out = new SoftmaxHead(
                        dnnl,
                        x,
                        layer.getParam(DefaultParamInitializer.WEIGHT_KEY),
                        layer.getParam(DefaultParamInitializer.BIAS_KEY),
                        g.get(DefaultParamInitializer.WEIGHT_KEY),
                        g.get(DefaultParamInitializer.BIAS_KEY));
                continue;
            }
            boolean fuseRelu = false;
            if (v.hasLayer() && v.getLayer().conf().getLayer() instanceof BatchNormalization) {
                // BN → ReLU layer, the BN's only consumer: one oneDNN primitive each way (DL4J itself ignores a
                // BatchNormalization's own activation, and so does this)
                List<String> next = consumers.getOrDefault(name, List.of());
                fuseRelu = next.size() == 1
                        && !conf.getNetworkOutputs().contains(name)
                        && isRelu(net.getVertex(next.get(0)));
                if (fuseRelu) {
                    fusedRelus.add(next.get(0));
                }
            }
            Node node = v.hasLayer()
                    ? layerNode(name, v.getLayer(), x, fuseRelu)
                    : vertexNode(
                            name,
                            conf.getVertices().get(name),
                            inputs.stream().map(tensors::get).toList());
            nodes.add(node);
            Tensor y = node.output();
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

    private Node layerNode(String name, Layer layer, Tensor x, boolean fuseRelu) {
        Object lc = layer.conf().getLayer();
        if (lc instanceof ConvolutionLayer c && lc.getClass() == ConvolutionLayer.class) {
            return new ConvNode(
                    dnnl,
                    name,
                    x,
                    layer.getParam(DefaultParamInitializer.WEIGHT_KEY),
                    gradients(layer).get(DefaultParamInitializer.WEIGHT_KEY),
                    c.getStride(),
                    c.getPadding());
        }
        if (lc instanceof BatchNormalization) {
            return BatchNormNode.of(dnnl, name, x, layer, gradients(layer), fuseRelu);
        }
        if (lc instanceof ActivationLayer) {
            return EltwiseNode.relu(dnnl, name, x);
        }
        if (lc instanceof SubsamplingLayer s && lc.getClass() == SubsamplingLayer.class) {
            return new PoolNode(dnnl, name, x, true, s.getKernelSize(), s.getStride(), s.getPadding());
        }
        if (lc instanceof GlobalPoolingLayer) {
            int[] k = {(int) x.dims[2], (int) x.dims[3]};
            return new PoolNode(dnnl, name, x, false, k, new int[] {1, 1}, new int[] {0, 0});
        }
        throw new IllegalArgumentException(name + ": " + lc.getClass().getSimpleName() + " is not supported");
    }

    private Node vertexNode(String name, org.deeplearning4j.nn.conf.graph.GraphVertex vc, List<Tensor> xs) {
        if (vc instanceof ScaleVertex sv) {
            return EltwiseNode.scale(dnnl, name, xs.get(0), (float) sv.getScaleFactor());
        }
        if (vc instanceof MergeVertex) {
            return new ConcatNode(dnnl, name, xs);
        }
        return new AddNode(dnnl, name, xs.get(0), xs.get(1));
    }

    static boolean isRelu(GraphVertex v) {
        return v.hasLayer()
                && v.getLayer().conf().getLayer() instanceof ActivationLayer a
                && a.getActivationFn() instanceof ActivationReLU;
    }

    private static Map<String, INDArray> gradients(Layer layer) {
        var conf = layer.conf();
        return conf.getLayer().initializer().getGradientsFromFlattened(conf, layer.getGradientsViewArray());
    }

    /**
     * Forward and backward for one minibatch; gradients (divided by {@code gradDivisor}) land in DL4J's gradient
     * view. Returns the mean loss.
     */
    double run(INDArray features, float[] labels, int gradDivisor) {
        dnnl_memory m = input.mem;
        Dnnl.setHandle(m, NativeArrays.address(features));
        for (Node node : nodes) {
            node.forward();
        }
        double loss = head.forward(labels, gradDivisor);
        head.backward();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).backward();
        }
        dnnl.waitForStream();
        return loss;
    }
}
