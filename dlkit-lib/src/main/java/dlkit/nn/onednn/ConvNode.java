package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A bias-free convolution (DL4J {@code ConvolutionLayer}, identity activation, Truncate mode) on oneDNN's direct
 * algorithm: forward, backward-weights into DL4J's gradient view, and backward-data only when the input needs a
 * gradient (not for the network's input image, which DL4J would compute for nothing).
 *
 * <p>A k×k convolution (odd k, stride 1, "same" padding) over a 1×1 map — ResNet-18's last stage at CIFAR size —
 * only ever multiplies its centre taps; it runs as a 1×1 convolution on a strided view of those taps (the other
 * taps' gradients are zero, as in DL4J), ~9× less work and no Winograd trap.
 */
final class ConvNode extends Node {
    private final Dnnl dnnl;
    private final Tensor x;
    private final dnnl_memory srcMem;
    private final dnnl_primitive srcReorder;
    private final dnnl_memory wUser;
    private final dnnl_memory wFwd;
    private final dnnl_primitive wFwdReorder;
    private final dnnl_primitive fwd;
    private final dnnl_primitive bwdWeights;
    private final dnnl_memory dw;
    private final dnnl_memory dwUser;
    private final dnnl_primitive dwReorder;
    private dnnl_primitive bwdData;
    private dnnl_memory wBwd;
    private dnnl_primitive wBwdReorder;
    private Tensor.Sink sink;
    /** Centre-tap case: DL4J's whole gradient view, zeroed before the centre taps are written. */
    private final org.bytedeco.javacpp.Pointer dwAll;

    private final long dwAllBytes;

    /**
     * @param w DL4J's weight view [out, in, kh, kw] ('c' order), {@code dw} its gradient view
     */
    ConvNode(Dnnl dnnl, String name, Tensor x, INDArray w, INDArray dw, int[] stride, int[] pad) {
        this.dnnl = dnnl;
        this.x = x;
        long n = x.dims[0];
        long c = x.dims[1];
        long o = w.size(0);
        long kh = w.size(2);
        long kw = w.size(3);
        long oh = (x.dims[2] + 2L * pad[0] - kh) / stride[0] + 1;
        long ow = (x.dims[3] + 2L * pad[1] - kw) / stride[1] + 1;
        long[] outDims = {n, o, oh, ow};
        boolean centre = x.dims[2] == 1
                && x.dims[3] == 1
                && oh == 1
                && ow == 1
                && stride[0] == 1
                && stride[1] == 1
                && kh % 2 == 1
                && kw % 2 == 1
                && pad[0] == kh / 2
                && pad[1] == kw / 2;
        long wOffset = 0;
        dnnl_memory_desc_t wPlain;
        if (centre) {
            wOffset = 4L * ((kh / 2) * kw + kw / 2);
            wPlain = Dnnl.strided(new long[] {o, c, 1, 1}, new long[] {c * kh * kw, kh * kw, kw, 1});
            kh = 1;
            kw = 1;
            pad = new int[] {0, 0};
            dwAll = NativeArrays.floats(NativeArrays.address(dw), dw.length());
            dwAllBytes = 4L * dw.length();
        } else {
            wPlain = Dnnl.md(dnnl_oihw, o, c, kh, kw);
            dwAll = null;
            dwAllBytes = 0;
        }
        var st = Dnnl.dims(stride[0], stride[1]);
        var pl = Dnnl.dims(pad[0], pad[1]);
        var pr = Dnnl.dims(pad[0], pad[1]); // oneDNN's size formula floors like DL4J's Truncate mode
        dnnl_memory_desc_t srcAny = Dnnl.md(dnnl_format_tag_any, x.dims);
        dnnl_memory_desc_t wAny = Dnnl.md(dnnl_format_tag_any, o, c, kh, kw);
        dnnl_memory_desc_t dstAny = Dnnl.md(dnnl_format_tag_any, outDims);

        var fd = new dnnl_convolution_desc_t();
        Dnnl.check(
                dnnl_convolution_forward_desc_init(
                        fd, dnnl_forward_training, dnnl_convolution_direct, srcAny, wAny, null, dstAny, st, pl, pr),
                "convolution_forward_desc_init " + name);
        dnnl_primitive_desc fpd = dnnl.pd(fd, null);
        dnnl_memory_desc_t srcMd = Dnnl.query(fpd, dnnl_query_src_md, 0);
        dnnl_memory_desc_t wMd = Dnnl.query(fpd, dnnl_query_weights_md, 0);
        dnnl_memory_desc_t dstMd = Dnnl.query(fpd, dnnl_query_dst_md, 0);
        fwd = dnnl.primitive(fpd);
        y = Tensor.of(dnnl, name, outDims, dstMd);

        srcReorder = dnnl.reorder(x.md, srcMd);
        srcMem = srcReorder == null ? x.mem : dnnl.memory(srcMd);
        wUser = dnnl.memory(wPlain, NativeArrays.floats(NativeArrays.address(w) + wOffset, w.length()));
        wFwdReorder = dnnl.reorder(wPlain, wMd);
        wFwd = wFwdReorder == null ? wUser : dnnl.memory(wMd);

        var bw = new dnnl_convolution_desc_t();
        Dnnl.check(
                dnnl_convolution_backward_weights_desc_init(
                        bw, dnnl_convolution_direct, srcMd, wAny, null, dstMd, st, pl, pr),
                "convolution_backward_weights_desc_init " + name);
        dnnl_primitive_desc bwpd = dnnl.pd(bw, fpd);
        dnnl_memory_desc_t dwMd = Dnnl.query(bwpd, dnnl_query_diff_weights_md, 0);
        bwdWeights = dnnl.primitive(bwpd);
        dwUser = dnnl.memory(wPlain, NativeArrays.floats(NativeArrays.address(dw) + wOffset, dw.length()));
        dwReorder = centre ? dnnl.copy(dwMd, wPlain) : dnnl.reorder(dwMd, wPlain);
        this.dw = dwReorder == null ? dwUser : dnnl.memory(dwMd);

        if (x.needsGrad()) {
            var bd = new dnnl_convolution_desc_t();
            Dnnl.check(
                    dnnl_convolution_backward_data_desc_init(
                            bd, dnnl_convolution_direct, srcMd, wAny, dstMd, st, pl, pr),
                    "convolution_backward_data_desc_init " + name);
            dnnl_primitive_desc bdpd = dnnl.pd(bd, fpd);
            dnnl_memory_desc_t wBdMd = Dnnl.query(bdpd, dnnl_query_weights_md, 0);
            bwdData = dnnl.primitive(bdpd);
            wBwdReorder = dnnl.reorder(wPlain, wBdMd);
            wBwd = wBwdReorder == null ? wUser : (Dnnl.same(wBdMd, wMd) ? wFwd : dnnl.memory(wBdMd));
            if (wBwd == wFwd) {
                wBwdReorder = null; // the forward's reordered weights serve backward-data too
            }
            sink = x.sink(srcMd);
        }
    }

    @Override
    void forward() {
        dnnl.reorder(wFwdReorder, wUser, wFwd);
        dnnl.reorder(srcReorder, x.mem, srcMem);
        dnnl.exec(fwd, DNNL_ARG_SRC, srcMem, DNNL_ARG_WEIGHTS, wFwd, DNNL_ARG_DST, y.mem);
    }

    @Override
    void backward() {
        dnnl.exec(bwdWeights, DNNL_ARG_SRC, srcMem, DNNL_ARG_DIFF_DST, y.diff, DNNL_ARG_DIFF_WEIGHTS, dw);
        if (dwAll != null) {
            org.bytedeco.javacpp.Pointer.memset(dwAll, 0, dwAllBytes);
        }
        dnnl.reorder(dwReorder, dw, dwUser);
        if (bwdData != null) {
            dnnl.reorder(wBwdReorder, wUser, wBwd);
            dnnl_memory target = sink.target();
            dnnl.exec(bwdData, DNNL_ARG_DIFF_DST, y.diff, DNNL_ARG_WEIGHTS, wBwd, DNNL_ARG_DIFF_SRC, target);
            sink.commit(dnnl);
        }
    }
}
