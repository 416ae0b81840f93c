package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_binary_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_primitive;

/** DL4J's {@code ElementWiseVertex(Add)} of two tensors (a residual connection); its gradient goes to both. */
final class AddNode extends Node {
    private final Dnnl dnnl;
    private final Tensor a;
    private final Tensor b;
    private final dnnl_primitive add;
    private final dnnl_primitive bReorder;
    private final dnnl_memory bMem;
    private final Tensor.Sink sinkA;
    private final Tensor.Sink sinkB;

    AddNode(Dnnl dnnl, String name, Tensor a, Tensor b) {
        this.dnnl = dnnl;
        this.a = a;
        this.b = b;
        bReorder = dnnl.reorder(b.md, a.md);
        bMem = bReorder == null ? b.mem : dnnl.memory(a.md);
        var d = new dnnl_binary_desc_t();
        Dnnl.check(dnnl_binary_desc_init(d, dnnl_binary_add, a.md, a.md, a.md), "binary_desc_init " + name);
        add = dnnl.primitive(dnnl.pd(d, null));
        y = Tensor.of(dnnl, name, a.dims, a.md);
        sinkA = a.needsGrad() ? a.sink(a.md, true) : null;
        sinkB = b.needsGrad() ? b.sink(a.md, true) : null;
    }

    @Override
    void forward() {
        dnnl.reorder(bReorder, b.mem, bMem);
        dnnl.exec(add, DNNL_ARG_SRC_0, a.mem, DNNL_ARG_SRC_1, bMem, DNNL_ARG_DST, y.mem);
    }

    @Override
    void backward() {
        if (sinkA != null) {
            sinkA.commitFrom(dnnl, y.diff);
        }
        if (sinkB != null) {
            sinkB.commitFrom(dnnl, y.diff);
        }
    }
}
