package dlkit.nn.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A thin, owning wrapper over oneDNN's C API (JavaCPP presets): one CPU engine and stream, memory descriptors,
 * memories, primitive descriptors and primitives. Everything created here is destroyed by {@link #close()}.
 * Errors become {@link IllegalStateException}s naming the call that failed.
 */
final class Dnnl implements AutoCloseable {

    /** oneDNN's {@code DNNL_MEMORY_ALLOCATE}: "allocate the buffer for me" (not mapped by the presets). */
    private static final Pointer ALLOCATE = new Pointer() {
        {
            address = -1L;
        }
    };

    private final dnnl_engine engine = new dnnl_engine();
    private final dnnl_stream stream = new dnnl_stream();
    private final List<dnnl_memory> memories = new ArrayList<>();
    private final List<dnnl_primitive> primitives = new ArrayList<>();
    private final List<dnnl_primitive_desc> descs = new ArrayList<>();
    private long allocated;
    private boolean closed;
    /** One argument array reused by every {@link #exec} (single-threaded use; avoids an allocation per call). */
    private final dnnl_exec_arg_t args = new dnnl_exec_arg_t(MAX_ARGS);

    private static final int MAX_ARGS = 16;

    Dnnl() {
        check(dnnl_engine_create(engine, dnnl_cpu, 0), "dnnl_engine_create");
        check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "dnnl_stream_create");
    }

    static void check(int status, String what) {
        if (status == dnnl_out_of_memory) {
            throw new IllegalStateException("oneDNN " + what + ": out of memory (failed to allocate)");
        }
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    /** A dense f32 descriptor with the given format tag ({@code dnnl_format_tag_any} lets a primitive choose). */
    static dnnl_memory_desc_t md(int tag, long... dims) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, new LongPointer(dims), dnnl_f32, tag), "memory_desc_init");
        return md;
    }

    /** A f32 descriptor over a strided view (e.g. the centre taps of a weight tensor). */
    static dnnl_memory_desc_t strided(long[] dims, long[] strides) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(
                dnnl_memory_desc_init_by_strides(
                        md, dims.length, new LongPointer(dims), dnnl_f32, new LongPointer(strides)),
                "memory_desc_init_by_strides");
        return md;
    }

    static LongPointer dims(long... v) {
        return new LongPointer(v);
    }

    static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl_memory_desc_equal(a, b) != 0;
    }

    /** A copy of the descriptor a primitive descriptor reports (e.g. {@code dnnl_query_src_md}, index 0). */
    static dnnl_memory_desc_t query(dnnl_primitive_desc pd, int what, int index) {
        dnnl_memory_desc_t q = dnnl_primitive_desc_query_md(pd, what, index);
        if (q == null || q.isNull()) {
            throw new IllegalStateException("oneDNN has no memory descriptor for query " + what);
        }
        dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
        Pointer.memcpy(copy, q, copy.sizeof());
        return copy;
    }

    /** Size in bytes of a buffer for the descriptor. */
    static long bytes(dnnl_memory_desc_t md) {
        return dnnl_memory_desc_get_size(md);
    }

    dnnl_primitive_desc pd(Pointer opDesc, dnnl_primitive_desc hint) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(
                dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(opDesc), null, engine, hint),
                "primitive_desc_create (" + opDesc.getClass().getSimpleName() + ")");
        descs.add(pd);
        return pd;
    }

    dnnl_primitive primitive(dnnl_primitive_desc pd) {
        dnnl_primitive p = new dnnl_primitive();
        check(dnnl_primitive_create(p, pd), "primitive_create");
        primitives.add(p);
        return p;
    }

    /** A reorder from {@code from} to {@code to} layout, or null when they are the same. */
    dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        return same(from, to) ? null : copy(from, to);
    }

    /** A reorder that always runs (a plain copy when the layouts are the same). */
    dnnl_primitive copy(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(pd, from, engine, to, engine, null), "reorder_primitive_desc_create");
        descs.add(pd);
        return primitive(pd);
    }

    /** A sum {@code dst = a + b} (dst may be a's buffer). */
    dnnl_primitive sum(dnnl_memory_desc_t md) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        dnnl_memory_desc_t srcs = new dnnl_memory_desc_t(2);
        Pointer.memcpy(srcs.getPointer(0), md, md.sizeof());
        Pointer.memcpy(srcs.getPointer(1), md, md.sizeof());
        check(
                dnnl_sum_primitive_desc_create(
                        pd, md, 2, new org.bytedeco.javacpp.FloatPointer(1f, 1f), srcs, null, engine),
                "sum_primitive_desc_create");
        descs.add(pd);
        return primitive(pd);
    }

    /** A concatenation along {@code axis} of inputs with the given layouts (the output's layout is oneDNN's choice). */
    dnnl_primitive_desc concat(int axis, dnnl_memory_desc_t... srcMds) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        dnnl_memory_desc_t srcs = new dnnl_memory_desc_t(srcMds.length);
        for (int i = 0; i < srcMds.length; i++) {
            Pointer.memcpy(srcs.getPointer(i), srcMds[i], srcMds[i].sizeof());
        }
        check(
                dnnl_concat_primitive_desc_create(pd, null, srcMds.length, axis, srcs, null, engine),
                "concat_primitive_desc_create");
        descs.add(pd);
        return pd;
    }

    /** A view descriptor of part of {@code parent} ({@code dims} starting at {@code offsets}). */
    static dnnl_memory_desc_t submemory(dnnl_memory_desc_t parent, long[] dims, long[] offsets) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_submemory(md, parent, dims, offsets), "memory_desc_init_submemory");
        return md;
    }

    /** A memory oneDNN allocates (64-byte aligned). */
    dnnl_memory memory(dnnl_memory_desc_t md) {
        allocated += bytes(md);
        return memory(md, ALLOCATE);
    }

    /** Bytes of the buffers oneDNN allocated for this object (activations, gradients, reordered weights). */
    long allocatedBytes() {
        return allocated;
    }

    /** A memory over a caller's buffer (which must outlive it); {@code null} handle: set later. */
    dnnl_memory memory(dnnl_memory_desc_t md, Pointer handle) {
        dnnl_memory m = new dnnl_memory();
        check(dnnl_memory_create(m, md, engine, handle == null ? new Pointer() : handle), "memory_create");
        memories.add(m);
        return m;
    }

    static void setHandle(dnnl_memory m, long at) {
        check(
                dnnl_memory_set_data_handle(m, new Pointer() {
                    {
                        address = at;
                    }
                }),
                "memory_set_data_handle");
    }

    static long handle(dnnl_memory m) {
        Pointer p = new Pointer();
        check(dnnl_memory_get_data_handle(m, p), "memory_get_data_handle");
        return p.address();
    }

    /** Runs a primitive; {@code args} are pairs (DNNL_ARG_…, memory). Null primitives (no-op reorders) are skipped. */
    void exec(dnnl_primitive p, Object... args) {
        if (p == null) {
            return;
        }
        int n = args.length / 2;
        if (n > MAX_ARGS) {
            throw new IllegalArgumentException("too many arguments: " + n);
        }
        for (int i = 0; i < n; i++) {
            this.args.position(i).arg((Integer) args[2 * i]).memory((dnnl_memory) args[2 * i + 1]);
        }
        check(dnnl_primitive_execute(p, stream, n, this.args.position(0)), "primitive_execute");
    }

    /** Reorder src → dst (no-op when the primitive is null, i.e. both share one layout and buffer). */
    void reorder(dnnl_primitive r, dnnl_memory src, dnnl_memory dst) {
        exec(r, DNNL_ARG_FROM, src, DNNL_ARG_TO, dst);
    }

    void waitForStream() {
        check(dnnl_stream_wait(stream), "stream_wait");
    }

    /** Destroys every primitive and memory made so far (the engine and stream stay). */
    void release() {
        primitives.forEach(p -> dnnl_primitive_destroy(p));
        descs.forEach(d -> dnnl_primitive_desc_destroy(d));
        memories.forEach(m -> dnnl_memory_destroy(m));
        primitives.clear();
        descs.clear();
        memories.clear();
        allocated = 0;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        dnnl_stream_destroy(stream);
        dnnl_engine_destroy(engine);
    }
}
