package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.List;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;

/**
 * DL4J's {@code MergeVertex} on 4-d activations: concatenation along the channels. Backward, each input's gradient
 * is its slice of the output's gradient (a sub-memory view, reordered into the input's layout).
 */
final class ConcatNode extends Node {
    private final Dnnl dnnl;
    private final List<Tensor> xs;
    private final dnnl_primitive fwd;
    private final dnnl_memory[] slices;
    private final Tensor.Sink[] sinks;

    ConcatNode(Dnnl dnnl, String name, List<Tensor> xs) {
        this.dnnl = dnnl;
        this.xs = xs;
        dnnl_memory_desc_t[] mds = xs.stream().map(t -> t.md).toArray(dnnl_memory_desc_t[]::new);
        dnnl_primitive_desc pd = dnnl.concat(1, mds);
        fwd = dnnl.primitive(pd);
        dnnl_memory_desc_t dstMd = Dnnl.query(pd, dnnl_query_dst_md, 0);
        long channels = xs.stream().mapToLong(t -> t.dims[1]).sum();
        long[] first = xs.get(0).dims;
        y = Tensor.of(dnnl, name, new long[] {first[0], channels, first[2], first[3]}, dstMd);
        long diffAddress = Dnnl.handle(y.diff);
        slices = new dnnl_memory[xs.size()];
        sinks = new Tensor.Sink[xs.size()];
        long offset = 0;
        for (int i = 0; i < xs.size(); i++) {
            Tensor x = xs.get(i);
            dnnl_memory_desc_t part = Dnnl.submemory(dstMd, x.dims, new long[] {0, offset, 0, 0});
            offset += x.dims[1];
            if (x.needsGrad()) {
                slices[i] = dnnl.memory(part, null);
                Dnnl.setHandle(slices[i], diffAddress);
                sinks[i] = x.sink(part, true);
            }
        }
    }

    @Override
    void forward() {
        Object[] args = new Object[2 * xs.size() + 2];
        for (int i = 0; i < xs.size(); i++) {
            args[2 * i] = DNNL_ARG_MULTIPLE_SRC + i;
            args[2 * i + 1] = xs.get(i).mem;
        }
        args[args.length - 2] = DNNL_ARG_DST;
        args[args.length - 1] = y.mem;
        dnnl.exec(fwd, args);
    }

    @Override
    void backward() {
        for (int i = 0; i < sinks.length; i++) {
            if (sinks[i] != null) {
                sinks[i].commitFrom(dnnl, slices[i]);
            }
        }
    }
}
