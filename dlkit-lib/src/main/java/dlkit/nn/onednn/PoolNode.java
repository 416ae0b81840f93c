package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_pooling_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;

/**
 * Max pooling (DL4J {@code SubsamplingLayer(MAX)}, Truncate mode) or a global average (DL4J
 * {@code GlobalPoolingLayer(AVG)}: the kernel covers the whole map) on oneDNN.
 */
final class PoolNode extends Node {
    private final Dnnl dnnl;
    private final Tensor x;
    private final dnnl_primitive fwd;
    private final dnnl_primitive bwd;
    private final dnnl_memory workspace;
    private final Tensor.Sink sink;

    PoolNode(Dnnl dnnl, String name, Tensor x, boolean max, int[] kernel, int[] stride, int[] pad) {
        this.dnnl = dnnl;
        this.x = x;
        long oh = (x.dims[2] + 2L * pad[0] - kernel[0]) / stride[0] + 1;
        long ow = (x.dims[3] + 2L * pad[1] - kernel[1]) / stride[1] + 1;
        long[] outDims = {x.dims[0], x.dims[1], oh, ow};
        int alg = max ? dnnl_pooling_max : dnnl_pooling_avg_exclude_padding;
        var st = Dnnl.dims(stride[0], stride[1]);
        var k = Dnnl.dims(kernel[0], kernel[1]);
        var pl = Dnnl.dims(pad[0], pad[1]);
        var fd = new dnnl_pooling_desc_t();
        Dnnl.check(
                dnnl_pooling_forward_desc_init(
                        fd, dnnl_forward_training, alg, x.md, Dnnl.md(dnnl_format_tag_any, outDims), st, k, pl, pl),
                "pooling_forward_desc_init " + name);
        dnnl_primitive_desc fpd = dnnl.pd(fd, null);
        fwd = dnnl.primitive(fpd);
        var dstMd = Dnnl.query(fpd, dnnl_query_dst_md, 0);
        workspace = max ? dnnl.memory(Dnnl.query(fpd, dnnl_query_workspace_md, 0)) : null;
        var bd = new dnnl_pooling_desc_t();
        Dnnl.check(
                dnnl_pooling_backward_desc_init(bd, alg, x.md, dstMd, st, k, pl, pl),
                "pooling_backward_desc_init " + name);
        bwd = dnnl.primitive(dnnl.pd(bd, fpd));
        y = Tensor.of(dnnl, name, outDims, dstMd);
        sink = x.needsGrad() ? x.sink(x.md) : null;
    }

    @Override
    void forward() {
        if (workspace != null) {
            dnnl.exec(fwd, DNNL_ARG_SRC, x.mem, DNNL_ARG_DST, y.mem, DNNL_ARG_WORKSPACE, workspace);
        } else {
            dnnl.exec(fwd, DNNL_ARG_SRC, x.mem, DNNL_ARG_DST, y.mem);
        }
    }

    @Override
    void backward() {
        if (sink == null) {
            return;
        }
        if (workspace != null) {
            dnnl.exec(bwd, DNNL_ARG_DIFF_DST, y.diff, DNNL_ARG_WORKSPACE, workspace, DNNL_ARG_DIFF_SRC, sink.target());
        } else {
            dnnl.exec(bwd, DNNL_ARG_DIFF_DST, y.diff, DNNL_ARG_DIFF_SRC, sink.target());
        }
        sink.commit(dnnl);
    }
}
