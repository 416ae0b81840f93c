package dlkit.memory;

import dlkit.backend.Backend;
import dlkit.data.DataLoader;
import dlkit.nn.TrainStep;
import dlkit.nn.Trainer;
import dlkit.nn.onednn.OneDnnTrainer;
import dlkit.nn.resnet.ParamCounts;
import dlkit.nn.resnet.ResNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The GPUMemory notebook's experiments: {@code profile_mem_usage} (Section 2) and {@code run_train} (Section 3) of
 * the original, in one JVM. Unlike the original no runtime restart is needed between runs: each run drops its network
 * and calls {@link MemoryProbe#cleanup()} before the next, and readings are taken relative to a baseline taken just
 * before the run.
 */
public final class MemoryExperiments {

    /** The original's {@code LR_MAP}: the linear scaling rule 2.5e-5 × batch size, capped at batch size 256. */
    public static final Map<Integer, Double> LR_MAP;

    static {
        Map<Integer, Double> m = new LinkedHashMap<>();
        m.put(4, 1e-4);
        m.put(8, 2e-4);
        m.put(16, 4e-4);
        m.put(32, 8e-4);
        m.put(64, 1.6e-3);
        m.put(128, 3.2e-3);
        m.put(256, 6.4e-3);
        m.put(512, 6.4e-3);
        m.put(1024, 6.4e-3);
        LR_MAP = Collections.unmodifiableMap(m);
    }

    private MemoryExperiments() {}

    /** The learning rate for a batch size: {@link #LR_MAP}, or 2.5e-5 × bs capped at 6.4e-3 for other sizes. */
    public static double learningRate(int batchSize) {
        return LR_MAP.getOrDefault(batchSize, Math.min(2.5e-5 * batchSize, 6.4e-3));
    }

    // ------------------------------------------------------------------------------------------ Section 2

    /**
     * Result of one {@link #profileMemUsage} run. Byte figures; "held" = the network's own arrays.
     *
     * @param optimizer     'SGD', 'SGD_WITH_MOMENTUM' or 'ADAM'
     * @param updater       the DL4J updater used
     * @param counts        parameter counts of the model
     * @param baseline      reading before the model was created
     * @param afterLoad     reading after creating the model
     * @param afterStep     reading after the training step (where the original reads GPUtil)
     * @param peakRssBytes  peak process RSS during the run (CPU; -1 when unknown)
     * @param held          bytes of parameters, gradients, updater state and workspaces after the step
     * @param expectedState expected optimizer-state bytes ({@code IUpdater.stateSize} × 4)
     * @param loss          the step's loss
     * @param log           the CSV log ({@code timestamp,memUsage})
     */
    public record StepResult(
            String optimizer,
            IUpdater updater,
            ParamCounts counts,
            MemorySnapshot baseline,
            MemorySnapshot afterLoad,
            MemorySnapshot afterStep,
            long peakRssBytes,
            NetMemory held,
            long expectedState,
            double loss,
            Path log) {

        /** The headline figure after the step (GPU used on CUDA, process RSS on CPU), in MiB, as logged. */
        public double memUsageMiB() {
            return round1(afterStep.primaryMiB());
        }

        /** The headline figure's growth during the run (after step − before model), in bytes. */
        public long runDeltaBytes() {
            return afterStep.primaryBytes() - baseline.primaryBytes();
        }
    }

    /**
     * The original's {@code profile_mem_usage(optimizer_str)}: a fresh ResNet of {@code depth} with a 10-class head,
     * one minibatch of {@code batchSize} images of {@code imageSize}², one training step (forward, cross-entropy,
     * backward, update) with the named optimizer at lr 0.001, a memory reading after the step written to
     * {@code logDir/resnet<depth>__<optimizer>.csv} ({@code timestamp,memUsage}).
     */
    public static StepResult profileMemUsage(
            String optimizer, int depth, int batchSize, int imageSize, CifarSample data, Path logDir) {
        IUpdater updater = OptimizerState.forName(optimizer, 1e-3);
        MemoryProbe.cleanup();
        MemorySnapshot baseline = MemoryProbe.snapshot("before model (" + optimizer + ")");
        MemoryProbe.resetPeak();
        ComputationGraph net = ResNet.of(depth)
                .numClasses(10)
                .inputSize(imageSize, imageSize)
                .updater(updater)
                .seed(42)
                .build();
        ParamCounts counts = ParamCounts.of(net);
        MemorySnapshot afterLoad = MemoryProbe.snapshot("after loading ResNet-" + depth + " (" + optimizer + ")");
        CsvLog log = CsvLog.create(logDir.resolve("resnet" + depth + "__" + optimizer + ".csv"), CsvLog.MEMORY_LOG_FMT);
        int[] idx = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            idx[i] = i % data.size();
        }
        DataSet ds = data.batch(idx, imageSize);
        net.fit(ds);
        double loss = net.score();
        MemorySnapshot afterStep = MemoryProbe.snapshot("after 1 step (" + optimizer + ")");
        long peak = MemoryProbe.peakRssBytes();
        NetMemory held = NetMemory.of(net);
        System.out.printf(
                Locale.ROOT,
                "Epoch [1/1], Step [1/1], Loss: %.4f, %s: %.1f MiB%n",
                loss,
                afterStep.primaryName(),
                afterStep.primaryMiB());
        log.append(afterStep.timestamp(), round1(afterStep.primaryMiB()));
        long expected = OptimizerState.stateSize(updater, counts.trainable()) * 4;
        net.close();
        net = null;
        ds = null;
        MemoryProbe.cleanup();
        return new StepResult(
                optimizer, updater, counts, baseline, afterLoad, afterStep, peak, held, expected, loss, log.path());
    }

    /** Section 2's results side by side (MB = 10^6 bytes). */
    public static Table profileTable(List<StepResult> results) {
        StringColumn opt = StringColumn.create("optimizer");
        StringColumn upd = StringColumn.create("DL4J updater");
        DoubleColumn expected = DoubleColumn.create("expected state MB");
        DoubleColumn state = DoubleColumn.create("measured state MB");
        DoubleColumn held = DoubleColumn.create("params+grads+state MB");
        DoubleColumn ws = DoubleColumn.create("workspaces MB");
        DoubleColumn delta = DoubleColumn.create("Δ headline during run MB");
        DoubleColumn peak = DoubleColumn.create("peak RSS MB");
        DoubleColumn logged = DoubleColumn.create("memUsage logged (MiB)");
        for (StepResult r : results) {
            opt.append(r.optimizer());
            upd.append(r.updater().getClass().getSimpleName());
            expected.append(MemoryLog.round(Bytes.mb(r.expectedState())));
            state.append(MemoryLog.round(Bytes.mb(r.held().updaterState())));
            held.append(MemoryLog.round(Bytes.mb(
                    r.held().parameters() + r.held().gradients() + r.held().updaterState())));
            ws.append(MemoryLog.round(Bytes.mb(r.held().workspaces())));
            delta.append(MemoryLog.round(Bytes.mb(r.runDeltaBytes())));
            peak.append(MemoryLog.round(Bytes.mb(r.peakRssBytes())));
            logged.append(MemoryLog.round(r.memUsageMiB()));
        }
        return Table.create(
                "One training step per optimizer", opt, upd, expected, state, held, ws, delta, peak, logged);
    }

    // ------------------------------------------------------------------------------------------ Section 3

    /**
     * Result of one {@link #runTrain} run.
     *
     * @param batchSize  the batch size
     * @param lr         its learning rate ({@link #LR_MAP})
     * @param fits       false when the run did not fit in memory (skipped by the estimate, or failed)
     * @param message    the out-of-memory explanation when {@code !fits}, else ""
     * @param estimate   DL4J's analytic training-memory estimate, bytes
     * @param log        the CSV log ({@code timestamp,epoch,memUsage,loss,accuracy}); null when skipped
     * @param seconds    wall time of the whole run
     * @param baselineMiB the headline figure just before the run (MiB; NaN when skipped)
     * @param peakMiB    the highest headline figure during the run: peak RSS (VmHWM) on CPU, the highest reading on
     *                   CUDA (MiB; NaN when skipped)
     * @param heldBytes  bytes the training's arrays held at the end: the network's (parameters, gradients, optimizer
     *                   state, this thread's ND4J workspaces) plus, on the oneDNN path, its buffers (activations
     *                   and their gradients, weights in oneDNN's layouts); 0 when skipped
     */
    public record TrainResult(
            int batchSize,
            double lr,
            boolean fits,
            String message,
            long estimate,
            Path log,
            double seconds,
            double baselineMiB,
            double peakMiB,
            long heldBytes) {

        /** How much the headline figure rose during the run, peak − baseline, in MiB (NaN when skipped). */
        public double growthMiB() {
            return peakMiB - baselineMiB;
        }

        /** The log as a table with {@code walltime = timestamp − timestamp[0]} added (the original's get_df). */
        public Table table() {
            if (log == null || !Files.exists(log)) {
                return Table.create("batch size " + batchSize + " (no log)");
            }
            Table t = CsvLog.read(log);
            DoubleColumn ts = t.numberColumn("timestamp").asDoubleColumn();
            double t0 = ts.isEmpty() ? 0 : ts.get(0);
            t.addColumns(ts.subtract(t0).setName("walltime"));
            return t.setName("batch size " + batchSize);
        }
    }

    /**
     * Bytes available for an experiment: on CUDA the device's total minus used memory (nvidia-smi); on CPU
     * {@code MemAvailable} from /proc/meminfo (bounded by JavaCPP's maxPhysicalBytes when set).
     */
    public static long availableBytes() {
        MemorySnapshot s = MemoryProbe.snapshot("available");
        if (s.backend() == Backend.CUDA) {
            var gpus = dlkit.backend.NvidiaSmi.query();
            if (!gpus.isEmpty()) {
                return gpus.get(0).memoryTotalBytes() - gpus.get(0).memoryUsedBytes();
            }
        }
        long avail = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    avail = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            avail = Runtime.getRuntime().maxMemory();
        }
        long max = org.bytedeco.javacpp.Pointer.maxPhysicalBytes();
        if (max > 0) {
            avail = Math.min(avail, max - s.rssBytes());
        }
        return avail;
    }

    /**
     * The original's {@code run_train(batch_size, epochs)}: a fresh ResNet-18 (10 classes) trained on {@code data}
     * resized to {@code imageSize}² with SGD momentum 0.9 (DL4J Nesterovs) at {@link #learningRate}(bs), shuffled
     * each epoch (seeded). Every 10 steps it reads memory; after each epoch it measures accuracy on the training
     * subsample in inference mode (as the original, whose test_loader is None) and appends
     * {@code timestamp,epoch,memUsage,loss,accuracy} to {@code logDir/resnet18__<bs>.csv}.
     *
     * <p>Out of memory: if DL4J's analytic estimate exceeds {@code budgetBytes} (≤ 0: {@link #availableBytes()}) the
     * run is not started; if the allocation fails anyway, the error is caught. Either way the result says so and the
     * caller can go on.
     */
    public static TrainResult runTrain(
            int batchSize, int epochs, CifarSample data, int imageSize, Path logDir, long budgetBytes, long seed) {
        double lr = learningRate(batchSize);
        System.out.printf(Locale.ROOT, "Training model with batch size %d and lr %s.%n", batchSize, lr);
        MemoryProbe.cleanup();
        ResNet spec = ResNet.resnet18()
                .numClasses(10)
                .inputSize(imageSize, imageSize)
                .updater(new Nesterovs(lr, 0.9))
                .seed(seed);
        long estimate = AnalyticMemory.of(spec, batchSize).total();
        long budget = budgetBytes > 0 ? budgetBytes : availableBytes();
        if (budget > 0 && estimate > budget) {
            String msg = String.format(
                    Locale.ROOT,
                    "OUT OF MEMORY (predicted): batch size %d at %dx%d needs about %s "
                            + "for training by DL4J's estimate, but only %s (%,.0f MiB) is available; not run.",
                    batchSize,
                    imageSize,
                    imageSize,
                    Bytes.format(estimate),
                    Bytes.format(budget),
                    Bytes.mib(budget));
            System.out.println(msg);
            return new TrainResult(batchSize, lr, false, msg, estimate, null, 0, Double.NaN, Double.NaN, 0);
        }
        long start = System.nanoTime();
        MemorySnapshot base = MemoryProbe.snapshot("before run");
        boolean peakReset = base.backend() == Backend.CPU && MemoryProbe.resetPeak();
        double peak = base.primaryMiB();
        ComputationGraph net = null;
        TrainStep step = null;
        CsvLog log = CsvLog.create(logDir.resolve("resnet18__" + batchSize + ".csv"), CsvLog.TRAIN_LOG_FMT);
        try {
            net = spec.build();
            // on the CPU the forward/backward passes run on oneDNN primitives (same training, ~4x faster than
            // DL4J's layers; see dlkit.nn.onednn); elsewhere, and for graphs it cannot run, DL4J's fit
            step = OneDnnTrainer.stepFor(net, 3, imageSize, imageSize);
            System.out.println(
                    step instanceof OneDnnTrainer
                            ? "Training path: oneDNN primitives (dlkit.nn.onednn), DL4J's updater"
                            : "Training path: DL4J fit (" + OneDnnTrainer.unsupportedReason(net) + ")");
            int n = data.size();
            DataLoader batches = DataLoader.indices(n, batchSize, true, new Random(seed));
            int steps = batches.size();
            ComputationGraph trained = net;
            TrainStep trainStep = step;
            double[] mem = {MemoryProbe.snapshot("start").primaryMiB(), peak};
            Trainer.builder().epochs(epochs).progress(false).build().run(batches, new Trainer.Hooks() {
                private double lastLoss = Double.NaN;

                @Override
                public double step(int epoch, int s, int[] rows) {
                    DataSet batch = data.batch(rows, imageSize);
                    lastLoss = trainStep.fit(batch.getFeatures(), batch.getLabels());
                    if (s % 10 == 0 || s == steps - 1) {
                        mem[0] = round1(MemoryProbe.snapshot("step").primaryMiB());
                        mem[1] = Math.max(mem[1], mem[0]);
                    }
                    return lastLoss;
                }

                @Override
                public Trainer.Epoch endEpoch(int epoch) {
                    double acc = accuracy(trained, data, imageSize, Math.max(batchSize, imageSize > 64 ? 32 : 256));
                    System.out.printf(
                            Locale.ROOT,
                            "Epoch [%d/%d], Step [%d/%d], Loss: %.4f, Mem: %.1f MiB, "
                                    + "Accuracy of the model on train images: %.2f %%%n",
                            epoch + 1,
                            epochs,
                            steps,
                            steps,
                            lastLoss,
                            mem[0],
                            acc);
                    log.append(System.currentTimeMillis() / 1000.0, epoch + 1, mem[0], lastLoss, acc);
                    return new Trainer.Epoch(null, acc, null, null, null);
                }
            });
            peak = mem[1];
            if (peakReset && MemoryProbe.peakRssBytes() > 0) {
                peak = Math.max(peak, Bytes.mib(MemoryProbe.peakRssBytes()));
            }
            long held = NetMemory.of(net).total() + step.bufferBytes();
            return new TrainResult(
                    batchSize,
                    lr,
                    true,
                    "",
                    estimate,
                    log.path(),
                    (System.nanoTime() - start) / 1e9,
                    base.primaryMiB(),
                    peak,
                    held);
        } catch (OutOfMemoryError | RuntimeException e) {
            if (!isOutOfMemory(e)) {
                throw e;
            }
            String msg = String.format(
                    Locale.ROOT,
                    "OUT OF MEMORY: batch size %d at %dx%d failed to allocate (%s: %s); " + "DL4J's estimate was %s.",
                    batchSize,
                    imageSize,
                    imageSize,
                    e.getClass().getSimpleName(),
                    firstLine(e.getMessage()),
                    Bytes.format(estimate));
            System.out.println(msg);
            return new TrainResult(
                    batchSize,
                    lr,
                    false,
                    msg,
                    estimate,
                    log.path(),
                    (System.nanoTime() - start) / 1e9,
                    base.primaryMiB(),
                    peak,
                    0);
        } finally {
            if (step != null) {
                step.close();
            }
            if (net != null) {
                net.close();
            }
            net = null;
            MemoryProbe.cleanup();
        }
    }

    /** True for errors that mean "not enough memory" (Java heap, ND4J/JavaCPP native or CUDA allocation failures). */
    public static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("out of memory")
                    || m.contains("failed to allocate")
                    || m.contains("cannot allocate")
                    || m.contains("physical bytes")
                    || m.contains("cudaerrormemoryallocation")) {
                return true;
            }
        }
        return false;
    }

    /** Accuracy (%) of {@code net} on all of {@code data} in inference mode. */
    public static double accuracy(ComputationGraph net, CifarSample data, int imageSize, int batch) {
        int n = data.size();
        int correct = 0;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            DataSet ds = data.batch(idx, imageSize);
            INDArray out = net.outputSingle(false, ds.getFeatures());
            INDArray pred = Nd4j.argMax(out, 1);
            for (int i = 0; i < idx.length; i++) {
                if (pred.getInt(i) == data.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return 100.0 * correct / n;
    }

    /** Memory per batch size, like the original's print_mem_usage: last memUsage of each completed run. */
    public static Table memoryTable(List<TrainResult> results) {
        IntColumn bs = IntColumn.create("batch size");
        DoubleColumn lr = DoubleColumn.create("lr");
        StringColumn status = StringColumn.create("status");
        DoubleColumn mem = DoubleColumn.create("memUsage (MiB)");
        DoubleColumn growth = DoubleColumn.create("rise during run (MiB)");
        DoubleColumn held = DoubleColumn.create("arrays held MB");
        DoubleColumn est = DoubleColumn.create("DL4J estimate MB");
        DoubleColumn acc = DoubleColumn.create("final accuracy %");
        DoubleColumn wall = DoubleColumn.create("walltime s");
        for (TrainResult r : results) {
            bs.append(r.batchSize());
            lr.append(r.lr());
            status.append(r.fits() ? "ok" : "out of memory");
            est.append(MemoryLog.round(Bytes.mb(r.estimate())));
            if (r.fits()) {
                Table t = r.table();
                int last = t.rowCount() - 1;
                mem.append(last < 0 ? Double.NaN : t.numberColumn("memUsage").getDouble(last));
                acc.append(last < 0 ? Double.NaN : t.numberColumn("accuracy").getDouble(last));
                wall.append(MemoryLog.round(r.seconds()));
                growth.append(MemoryLog.round(r.growthMiB()));
                held.append(MemoryLog.round(Bytes.mb(r.heldBytes())));
            } else {
                growth.appendMissing();
                held.appendMissing();
                mem.appendMissing();
                acc.appendMissing();
                wall.appendMissing();
            }
        }
        return Table.create(
                "Memory usage for different batch sizes", bs, lr, status, mem, growth, held, est, acc, wall);
    }

    static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
