package dlkit.memory;

import dlkit.display.Renderable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A sequence of {@link MemorySnapshot}s with deltas, shown as a table (MB = 10^6 bytes):
 * <pre>{@code
 * MemoryLog log = new MemoryLog();
 * log.mark("start");
 * var net = ResNet.resnet152().build();
 * log.mark("after loading ResNet-152");
 * log      // renders the table
 * }</pre>
 */
public final class MemoryLog implements Renderable {

    private final List<MemorySnapshot> snapshots = new ArrayList<>();

    /** Takes a snapshot and appends it. */
    public MemorySnapshot mark(String label) {
        MemorySnapshot s = MemoryProbe.snapshot(label);
        snapshots.add(s);
        return s;
    }

    /** Appends a snapshot taken elsewhere. */
    public MemoryLog add(MemorySnapshot s) {
        snapshots.add(s);
        return this;
    }

    public List<MemorySnapshot> snapshots() {
        return Collections.unmodifiableList(snapshots);
    }

    /** The headline figure's change from snapshot {@code from} to snapshot {@code to}. */
    public long delta(int from, int to) {
        return snapshots.get(to).primaryBytes() - snapshots.get(from).primaryBytes();
    }

    /** The table: label, headline figure, its delta from the previous row and from the first, and the details. */
    public Table toTable() {
        return table(snapshots);
    }

    /** A table of snapshots (see {@link #toTable()}). */
    public static Table table(List<MemorySnapshot> snaps) {
        StringColumn label = StringColumn.create("label");
        StringColumn what = StringColumn.create("measured");
        DoubleColumn primary = DoubleColumn.create("MB");
        DoubleColumn dPrev = DoubleColumn.create("Δ previous MB");
        DoubleColumn dFirst = DoubleColumn.create("Δ first MB");
        DoubleColumn rss = DoubleColumn.create("RSS MB");
        DoubleColumn heap = DoubleColumn.create("JVM heap MB");
        DoubleColumn jcpp = DoubleColumn.create("JavaCPP physical MB");
        DoubleColumn ws = DoubleColumn.create("workspaces MB");
        DoubleColumn nd4j = DoubleColumn.create("ND4J device MB");
        for (int i = 0; i < snaps.size(); i++) {
            MemorySnapshot s = snaps.get(i);
            label.append(s.label());
            what.append(s.primaryName());
            primary.append(round(Bytes.mb(s.primaryBytes())));
            dPrev.append(
                    i == 0
                            ? 0
                            : round(Bytes.mb(s.primaryBytes() - snaps.get(i - 1).primaryBytes())));
            dFirst.append(round(Bytes.mb(s.primaryBytes() - snaps.get(0).primaryBytes())));
            rss.append(round(Bytes.mb(s.rssBytes())));
            heap.append(round(Bytes.mb(s.heapUsedBytes())));
            jcpp.append(round(Bytes.mb(s.javacppPhysicalBytes())));
            ws.append(round(Bytes.mb(s.workspaceBytes())));
            nd4j.append(round(Bytes.mb(s.nd4jDeviceBytes())));
        }
        Table t = Table.create("Memory snapshots", label, what, primary, dPrev, dFirst, rss, heap, jcpp, ws);
        if (!snaps.isEmpty() && snaps.get(0).nd4jDeviceBytes() >= 0) {
            t.addColumns(nd4j);
        }
        return t;
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10.0) / 10.0;
    }

    @Override
    public Map<String, String> mimeBundle() {
        Table t = toTable();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text/plain", t.printAll());
        m.put("text/html", Tables.html(t));
        return m;
    }

    @Override
    public String toString() {
        return toTable().printAll();
    }
}
