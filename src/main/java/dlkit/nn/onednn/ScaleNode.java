package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;

/**
 * DL4J's {@code ScaleVertex}: y = s·x (eltwise linear); its gradient is s times the output's. ResNet-20's option-A
 * shortcut uses s = 0 for the zero channels it pads with.
 */
final class ScaleNode implements Node {
    private final Dnnl dnnl;
    private final Tensor x;
    final Tensor y;
    private final dnnl_primitive fwd;
    private final dnnl_primitive bwd;
    private final Tensor.Sink sink;

    ScaleNode(Dnnl dnnl, String name, Tensor x, float scale) {
        this.dnnl = dnnl;
        this.x = x;
        var fd = new dnnl_eltwise_desc_t();
        Dnnl.check(dnnl_eltwise_forward_desc_init(fd, dnnl_forward_training, dnnl_eltwise_linear, x.md, scale, 0f),
                "eltwise_forward_desc_init " + name);
        dnnl_primitive_desc fpd = dnnl.pd(fd, null);
        fwd = dnnl.primitive(fpd);
        var bd = new dnnl_eltwise_desc_t();
        Dnnl.check(dnnl_eltwise_backward_desc_init(bd, dnnl_eltwise_linear, x.md, x.md, scale, 0f),
                "eltwise_backward_desc_init " + name);
        bwd = dnnl.primitive(dnnl.pd(bd, fpd));
        y = new Tensor(name, x.dims, x.md, dnnl.memory(x.md));
        y.diff = dnnl.memory(x.md);
        sink = x.needsGrad() ? x.sink(x.md) : null;
    }

    @Override
    public void forward() {
        dnnl.exec(fwd, DNNL_ARG_SRC, x.mem, DNNL_ARG_DST, y.mem);
    }

    @Override
    public void backward() {
        if (sink != null) {
            dnnl.exec(bwd, DNNL_ARG_SRC, x.mem, DNNL_ARG_DIFF_DST, y.diff, DNNL_ARG_DIFF_SRC, sink.target());
            sink.commit(dnnl);
        }
    }
}
