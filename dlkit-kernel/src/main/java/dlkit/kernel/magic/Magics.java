package dlkit.kernel.magic;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The registry of line and cell magics, all named in one place ({@code Magics.standard}). */
public final class Magics {

    private final Map<String, LineMagic> line = new TreeMap<>();
    private final Map<String, CellMagic> cell = new TreeMap<>();

    public Magics line(String name, LineMagic magic) {
        line.put(name, magic);
        return this;
    }

    public Magics cell(String name, CellMagic magic) {
        cell.put(name, magic);
        return this;
    }

    public static Magics standard(MavenMagic maven) {
        Magics m = new Magics();
        m.line("maven", maven)
                .line("jars", ClasspathMagics::jars)
                .line("classpath", ClasspathMagics::classpath)
                .line("load", LoadMagic::load)
                .line("time", TimeMagics::timeLine)
                .cell("time", TimeMagics::timeCell)
                .cell("html", DisplayMagics::html)
                .cell("markdown", DisplayMagics::markdown)
                .cell("latex", DisplayMagics::latex)
                .line("lsmagic", (args, ctx) -> m.describe());
        return m;
    }

    /**
     * Line magics that read the machine's files or the network. While grading, the kernel runs outside the sandbox
     * (only the notebook's Java code runs inside), so they are refused there.
     */
    private static final java.util.Set<String> HOST_ACCESS = java.util.Set.of("maven", "jars", "classpath", "load");

    public LineMagic lineMagic(String name) throws MagicException {
        if (HOST_ACCESS.contains(name) && dlkit.kernel.exec.GradingGuard.grading()) {
            throw new MagicException("%" + name + " is not available while notebooks are graded (it would run "
                    + "outside the sandbox); put the code it brings in the notebook, or the files in the "
                    + "assignment's dlkit.grading.files");
        }
        LineMagic magic = line.get(name);
        if (magic == null) {
            throw new MagicException(unknown("%" + name, cell.containsKey(name) ? "%%" + name : null));
        }
        return magic;
    }

    public CellMagic cellMagic(String name) throws MagicException {
        CellMagic magic = cell.get(name);
        if (magic == null) {
            throw new MagicException(unknown("%%" + name, line.containsKey(name) ? "%" + name : null));
        }
        return magic;
    }

    private String unknown(String what, String didYouMean) {
        return "unknown magic " + what + (didYouMean != null ? " (did you mean " + didYouMean + "?)" : "")
                + "; available: " + describe();
    }

    /** "%classpath, %jars, ... , %%html, ..." */
    public String describe() {
        TreeSet<String> names = new TreeSet<>();
        line.keySet().forEach(n -> names.add("%" + n));
        cell.keySet().forEach(n -> names.add("%%" + n));
        return String.join(", ", names);
    }

    public java.util.Set<String> lineNames() {
        return line.keySet();
    }

    public java.util.Set<String> cellNames() {
        return cell.keySet();
    }
}
