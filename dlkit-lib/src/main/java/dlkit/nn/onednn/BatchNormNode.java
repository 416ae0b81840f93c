package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.Map;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code BatchNormalization} (trainable γ/β, identity or ReLU activation — the ReLU fused into oneDNN's
 * pass) on one oneDNN forward and one backward primitive. γ and β are read from, and their gradients written to,
 * DL4J's own views (they sit next to each other there, as oneDNN's scale-shift wants them). The running mean and
 * variance are updated the way DL4J does it: as "gradients" {@code (1-decay)(global - batch)} that the step
 * subtracts, in the variance or the log10(std) parameterisation.
 */
final class BatchNormNode extends Node {
    private final Dnnl dnnl;
    private final Tensor x;
    private final int channels;
    private final double decay;
    private final boolean logStd;
    private final dnnl_primitive fwd;
    private final dnnl_primitive bwd;
    private final dnnl_memory mean;
    private final dnnl_memory variance;
    private final FloatPointer meanBuf;
    private final FloatPointer varBuf;
    private final dnnl_memory scaleShift;
    private final dnnl_memory diffScaleShift;
    private final dnnl_memory workspace;
    private final FloatPointer globalMean;
    private final FloatPointer globalVar;
    private final FloatPointer dGlobalMean;
    private final FloatPointer dGlobalVar;
    private final Tensor.Sink sink;
    private final dnnl_memory unusedDiff;
    private final float[] bm;
    private final float[] bv;
    private final float[] gm;
    private final float[] gv;

    BatchNormNode(
            Dnnl dnnl,
            String name,
            Tensor x,
            BatchNormViews v,
            double eps,
            double decay,
            boolean logStd,
            boolean relu) {
        this.dnnl = dnnl;
        this.x = x;
        this.channels = (int) x.dims[1];
        this.decay = decay;
        this.logStd = logStd;
        int flags = dnnl_use_scaleshift | (relu ? dnnl_fuse_norm_relu : 0);
        var fd = new dnnl_batch_normalization_desc_t();
        Dnnl.check(
                dnnl_batch_normalization_forward_desc_init(fd, dnnl_forward_training, x.md, (float) eps, flags),
                "batch_normalization_forward_desc_init " + name);
        dnnl_primitive_desc fpd = dnnl.pd(fd, null);
        fwd = dnnl.primitive(fpd);
        var bd = new dnnl_batch_normalization_desc_t();
        Dnnl.check(
                dnnl_batch_normalization_backward_desc_init(bd, dnnl_backward, x.md, x.md, (float) eps, flags),
                "batch_normalization_backward_desc_init " + name);
        bwd = dnnl.primitive(dnnl.pd(bd, fpd));
        y = Tensor.of(dnnl, name, x.dims, x.md);

        dnnl_memory_desc_t stat = Dnnl.md(dnnl_a, channels);
        meanBuf = new FloatPointer(channels);
        varBuf = new FloatPointer(channels);
        mean = dnnl.memory(stat, meanBuf);
        variance = dnnl.memory(stat, varBuf);
        dnnl_memory_desc_t ss = Dnnl.md(dnnl_nc, 2, channels);
        scaleShift = dnnl.memory(ss, NativeArrays.floats(v.gammaBeta(), 2L * channels));
        diffScaleShift = dnnl.memory(ss, NativeArrays.floats(v.dGammaBeta(), 2L * channels));
        workspace = relu ? dnnl.memory(Dnnl.query(fpd, dnnl_query_workspace_md, 0)) : null;
        globalMean = NativeArrays.floats(v.mean(), channels);
        globalVar = NativeArrays.floats(v.var(), channels);
        dGlobalMean = NativeArrays.floats(v.dMean(), channels);
        dGlobalVar = NativeArrays.floats(v.dVar(), channels);
        sink = x.needsGrad() ? x.sink(x.md) : null;
        unusedDiff = sink == null ? dnnl.memory(x.md) : null; // oneDNN always computes diff_src
        bm = new float[channels];
        bv = new float[channels];
        gm = new float[channels];
        gv = new float[channels];
    }

    @Override
    void forward() {
        dnnl.exec(
                fwd,
                withWorkspace(
                        DNNL_ARG_SRC,
                        x.mem,
                        DNNL_ARG_DST,
                        y.mem,
                        DNNL_ARG_MEAN,
                        mean,
                        DNNL_ARG_VARIANCE,
                        variance,
                        DNNL_ARG_SCALE_SHIFT,
                        scaleShift));
        runningStatistics();
    }

    /** DL4J's update of the global mean and variance, written as the "gradient" the step subtracts. */
    private void runningStatistics() {
        meanBuf.get(bm);
        varBuf.get(bv);
        globalMean.get(gm);
        globalVar.get(gv);
        float keep = (float) (1 - decay);
        for (int c = 0; c < channels; c++) {
            gm[c] = (gm[c] - bm[c]) * keep;
            if (logStd) {
                // stored: log10(std); new variance d·var + (1-d)·batchVar; "gradient" = old − new log10(std)
                double var = Math.pow(10, 2.0 * gv[c]);
                double next = var * decay + bv[c] * (1 - decay);
                gv[c] = (float) (Math.log10(var / next) * 0.5);
            } else {
                gv[c] = (gv[c] - bv[c]) * keep;
            }
        }
        dGlobalMean.put(gm);
        dGlobalVar.put(gv);
    }

    @Override
    void backward() {
        dnnl_memory target = sink == null ? unusedDiff : sink.target();
        dnnl.exec(
                bwd,
                withWorkspace(
                        DNNL_ARG_SRC,
                        x.mem,
                        DNNL_ARG_MEAN,
                        mean,
                        DNNL_ARG_VARIANCE,
                        variance,
                        DNNL_ARG_DIFF_DST,
                        y.diff,
                        DNNL_ARG_SCALE_SHIFT,
                        scaleShift,
                        DNNL_ARG_DIFF_SRC,
                        target,
                        DNNL_ARG_DIFF_SCALE_SHIFT,
                        diffScaleShift));
        if (sink != null) {
            sink.commit(dnnl);
        }
    }

    /** {@code args} (argument, memory pairs), and the workspace when the primitive has one (training with ReLU). */
    private Object[] withWorkspace(Object... args) {
        if (workspace == null) {
            return args;
        }
        Object[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = DNNL_ARG_WORKSPACE;
        all[args.length + 1] = workspace;
        return all;
    }

    /** The node for DL4J's batch-norm {@code layer}; {@code gradients}: its gradient views by parameter name. */
    static BatchNormNode of(
            Dnnl dnnl, String name, Tensor x, Layer layer, Map<String, INDArray> gradients, boolean relu) {
        var bn = (org.deeplearning4j.nn.conf.layers.BatchNormalization)
                layer.conf().getLayer();
        String varKey = bn.isUseLogStd()
                ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                : BatchNormalizationParamInitializer.GLOBAL_VAR;
        INDArray gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
        long ga = NativeArrays.address(gamma);
        long dga = NativeArrays.address(gradients.get(BatchNormalizationParamInitializer.GAMMA));
        if (NativeArrays.address(layer.getParam(BatchNormalizationParamInitializer.BETA)) != ga + 4 * gamma.length()
                || NativeArrays.address(gradients.get(BatchNormalizationParamInitializer.BETA))
                        != dga + 4 * gamma.length()) {
            throw new IllegalStateException(name + ": gamma and beta are not adjacent in DL4J's views");
        }
        var views = new BatchNormViews(
                ga,
                dga,
                NativeArrays.address(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN)),
                NativeArrays.address(layer.getParam(varKey)),
                NativeArrays.address(gradients.get(BatchNormalizationParamInitializer.GLOBAL_MEAN)),
                NativeArrays.address(gradients.get(varKey)));
        return new BatchNormNode(dnnl, name, x, views, bn.getEps(), bn.getDecay(), bn.isUseLogStd(), relu);
    }

    /** Addresses of one BN layer's parameter and gradient views in DL4J's flattened arrays. */
    record BatchNormViews(long gammaBeta, long dGammaBeta, long mean, long var, long dMean, long dVar) {}
}
