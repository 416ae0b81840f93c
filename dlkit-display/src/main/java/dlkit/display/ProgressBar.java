package dlkit.display;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A progress bar that redraws in place (update_display_data in Jupyter, a fresh line elsewhere).
 * Redraws at most every {@code minIntervalMillis} so a fast loop does not flood the front end.
 * <pre>{@code
 * ProgressBar bar = ProgressBar.start("epochs", numEpochs);
 * for (...) { ...; bar.step("loss=" + loss); }
 * bar.finish();
 * }</pre>
 */
public final class ProgressBar implements Renderable {

    private final String label;
    private final long total;
    private final long minIntervalMillis;
    private long done;
    private String status = "";
    private String displayId;
    private long lastDraw;

    private ProgressBar(String label, long total, long minIntervalMillis) {
        this.label = label;
        this.total = Math.max(1, total);
        this.minIntervalMillis = minIntervalMillis;
    }

    public static ProgressBar start(String label, long total) {
        ProgressBar bar = new ProgressBar(label, total, 250);
        bar.displayId = Notebook.display(bar);
        bar.lastDraw = System.currentTimeMillis();
        return bar;
    }

    /** Advances by one step and sets the status text (for example the current loss). */
    public void step(String status) {
        set(done + 1, status);
    }

    public void set(long done, String status) {
        this.done = Math.min(done, total);
        this.status = status == null ? "" : status;
        long now = System.currentTimeMillis();
        if (this.done == total || now - lastDraw >= minIntervalMillis) {
            lastDraw = now;
            Notebook.updateDisplay(displayId, this);
        }
    }

    /** Draws the final state (always, whatever the redraw interval). */
    public void finish() {
        Notebook.updateDisplay(displayId, this);
    }

    public long done() {
        return done;
    }

    public long total() {
        return total;
    }

    @Override
    public String textForm() {
        int width = 30;
        int filled = (int) (width * done / total);
        return String.format(
                        Locale.ROOT,
                        "%s [%s%s] %d/%d %s",
                        label,
                        "#".repeat(filled),
                        ".".repeat(width - filled),
                        done,
                        total,
                        status)
                .trim();
    }

    @Override
    public Map<String, String> mimeBundle() {
        double pct = 100.0 * done / total;
        String html = String.format(
                Locale.ROOT,
                "<div style=\"font-family:monospace\">%s <progress value=\"%d\" max=\"%d\" style=\"width:40%%\">"
                        + "</progress> %d/%d (%.0f%%) %s</div>",
                Html.escape(label),
                done,
                total,
                done,
                total,
                pct,
                Html.escape(status));
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html);
        bundle.put("text/plain", textForm());
        return bundle;
    }
}
