package dlkit.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** requirements.txt's pins ({@code name==version}) against what a Python has installed. */
final class Pins {
    private Pins() {}

    /** A pin the Python does not meet: {@code have} null when the distribution is missing. */
    record Unmet(String name, String have, String pinned) {
        boolean missing() {
            return have == null;
        }
    }

    // Asked of the Python itself: importlib.metadata knows what pip installed (normalised names included).
    private static final String REPORT = """
            import re, sys
            from importlib import metadata
            for line in open(sys.argv[1]):
                m = re.match(r"\\s*([A-Za-z0-9_.-]+)\\s*==\\s*([^\\s;#]+)", line)
                if m:
                    try:
                        have = metadata.version(m[1])
                        if have != m[2]:
                            print("differs", m[1], have, m[2])
                    except metadata.PackageNotFoundError:
                        print("missing", m[1])
            """;

    /** The unmet pins (empty: all met), or empty when {@code python} does not run. */
    static Optional<List<Unmet>> check(Checkout c, Path requirements) {
        Processes.Result r =
                Processes.capture(List.of(c.python(), "-", requirements.toString()), c.env(), null, REPORT, 120);
        if (!r.ok()) {
            return Optional.empty();
        }
        List<Unmet> unmet = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            String[] f = line.split(" ");
            if (f[0].equals("missing") && f.length == 2) {
                unmet.add(new Unmet(f[1], null, null));
            } else if (f[0].equals("differs") && f.length == 4) {
                unmet.add(new Unmet(f[1], f[2], f[3]));
            }
        }
        return Optional.of(unmet);
    }

    static String missingNames(List<Unmet> unmet) {
        return String.join(
                " ", unmet.stream().filter(Unmet::missing).map(Unmet::name).toList());
    }
}
