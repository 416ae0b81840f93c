package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;

/**
 * An element-wise layer on oneDNN's eltwise primitives: DL4J's ReLU {@code ActivationLayer} (whose backward pass
 * reads the output) or {@code ScaleVertex} (y = s·x; ResNet-20's option-A shortcut scales by 0 for the zero
 * channels it pads with).
 */
final class EltwiseNode extends Node {
    private final Dnnl dnnl;
    private final Tensor x;
    private final dnnl_primitive fwd;
    private final dnnl_primitive bwd;
    private final boolean backwardReadsOutput;
    private final Tensor.Sink sink;

    static EltwiseNode relu(Dnnl dnnl, String name, Tensor x) {
        return new EltwiseNode(dnnl, name, x, dnnl_eltwise_relu_use_dst_for_bwd, 0f, true);
    }

    static EltwiseNode scale(Dnnl dnnl, String name, Tensor x, float s) {
        return new EltwiseNode(dnnl, name, x, dnnl_eltwise_linear, s, false);
    }

    private EltwiseNode(Dnnl dnnl, String name, Tensor x, int alg, float alpha, boolean backwardReadsOutput) {
        this.dnnl = dnnl;
        this.x = x;
        this.backwardReadsOutput = backwardReadsOutput;
        var fd = new dnnl_eltwise_desc_t();
        Dnnl.check(
                dnnl_eltwise_forward_desc_init(fd, dnnl_forward_training, alg, x.md, alpha, 0f),
                "eltwise_forward_desc_init " + name);
        dnnl_primitive_desc fpd = dnnl.pd(fd, null);
        fwd = dnnl.primitive(fpd);
        var bd = new dnnl_eltwise_desc_t();
        Dnnl.check(
                dnnl_eltwise_backward_desc_init(bd, alg, x.md, x.md, alpha, 0f), "eltwise_backward_desc_init " + name);
        bwd = dnnl.primitive(dnnl.pd(bd, fpd));
        y = Tensor.of(dnnl, name, x.dims, x.md);
        sink = x.needsGrad() ? x.sink(x.md) : null;
    }

    @Override
    void forward() {
        dnnl.exec(fwd, DNNL_ARG_SRC, x.mem, DNNL_ARG_DST, y.mem);
    }

    @Override
    void backward() {
        if (sink != null) {
            dnnl.exec(
                    bwd,
                    backwardReadsOutput ? DNNL_ARG_DST : DNNL_ARG_SRC,
                    backwardReadsOutput ? y.mem : x.mem,
                    DNNL_ARG_DIFF_DST,
                    y.diff,
                    DNNL_ARG_DIFF_SRC,
                    sink.target());
            sink.commit(dnnl);
        }
    }
}
