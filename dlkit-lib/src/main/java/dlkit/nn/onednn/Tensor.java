package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MULTIPLE_SRC;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;

/**
 * One activation of the graph (N×C×H×W, f32) in the layout its producer chose, and the gradient of the loss with
 * respect to it. Several consumers may contribute to the gradient (a residual block's input feeds two branches); the
 * one that runs first in backprop writes, the others add (see {@link #sink}).
 */
final class Tensor {
    final String name;
    final long[] dims;
    final dnnl_memory_desc_t md;
    final dnnl_memory mem;
    /** Gradient buffer (same layout as {@link #mem}); null for tensors that need no gradient (the input). */
    dnnl_memory diff;

    private final List<Sink> sinks = new ArrayList<>();

    Tensor(String name, long[] dims, dnnl_memory_desc_t md, dnnl_memory mem) {
        this.name = name;
        this.dims = dims;
        this.md = md;
        this.mem = mem;
    }

    /** An activation with its gradient buffer, both allocated by oneDNN in layout {@code md}. */
    static Tensor of(Dnnl dnnl, String name, long[] dims, dnnl_memory_desc_t md) {
        Tensor t = new Tensor(name, dims, md, dnnl.memory(md));
        t.diff = dnnl.memory(md);
        return t;
    }

    boolean needsGrad() {
        return diff != null;
    }

    /**
     * A place for one consumer's contribution to this tensor's gradient, in the consumer's layout {@code srcMd}.
     * Call in forward (topological) order of the consumers: the last one asked runs first in backprop and writes,
     * all others add. Sinks are wired after every consumer asked ({@link #wire}).
     */
    Sink sink(dnnl_memory_desc_t srcMd) {
        return sink(srcMd, false);
    }

    /** {@code passThrough}: the consumer hands on a buffer it does not own (an add's output gradient). */
    Sink sink(dnnl_memory_desc_t srcMd, boolean passThrough) {
        Sink s = new Sink(srcMd, passThrough);
        sinks.add(s);
        return s;
    }

    /** Decides which sink writes (the last consumer) and builds the copy/sum primitives. */
    void wire(Dnnl dnnl) {
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).wire(dnnl, i == sinks.size() - 1);
        }
    }

    /** One consumer's contribution to the gradient of the tensor. */
    final class Sink {
        private final dnnl_memory_desc_t srcMd;
        private final boolean passThrough;
        private dnnl_memory own;
        private dnnl_memory scratch;
        private dnnl_primitive move;
        private dnnl_primitive sum;
        private boolean first;

        private Sink(dnnl_memory_desc_t srcMd, boolean passThrough) {
            this.srcMd = srcMd;
            this.passThrough = passThrough;
        }

        private void wire(Dnnl dnnl, boolean first) {
            this.first = first;
            boolean sameLayout = Dnnl.same(srcMd, md);
            if (first) {
                if (passThrough || !sameLayout) {
                    own = passThrough ? null : dnnl.memory(srcMd);
                    move = dnnl.copy(srcMd, md);
                }
            } else {
                own = passThrough ? null : dnnl.memory(srcMd);
                if (!sameLayout) {
                    scratch = dnnl.memory(md);
                    move = dnnl.copy(srcMd, md);
                }
                sum = dnnl.sum(md);
            }
        }

        /** Where the consumer writes its gradient (the tensor's own gradient buffer when it can). */
        dnnl_memory target() {
            return own != null ? own : diff;
        }

        /** After the consumer wrote {@link #target()}: moves or adds it into the tensor's gradient. */
        void commit(Dnnl dnnl) {
            commitFrom(dnnl, target());
        }

        /** Moves or adds an existing gradient buffer {@code src} (layout srcMd) into the tensor's gradient. */
        void commitFrom(Dnnl dnnl, dnnl_memory src) {
            if (first) {
                if (src != diff) {
                    if (move == null) {
                        throw new IllegalStateException("no copy wired for " + name);
                    }
                    dnnl.reorder(move, src, diff);
                }
                return;
            }
            dnnl_memory add = src;
            if (move != null) {
                dnnl.reorder(move, src, scratch);
                add = scratch;
            }
            dnnl.exec(sum, DNNL_ARG_MULTIPLE_SRC, diff, DNNL_ARG_MULTIPLE_SRC + 1, add, DNNL_ARG_DST, diff);
        }
    }
}
