package dlkit.kernel.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.Snippet;

/** Remembers which cell and line each snippet came from, so stack traces point at the notebook. */
public final class SnippetLocations {

    public record Location(int cell, int line) {}

    private final Map<String, Location> byId = new ConcurrentHashMap<>();

    void remember(Snippet snippet, int cell, int line) {
        byId.put(snippet.id(), new Location(cell, line));
    }

    /** The location of the snippet JShell names "#id" in stack frames, or null. */
    public Location find(String fileName) {
        if (fileName == null || !fileName.startsWith("#")) {
            return null;
        }
        return byId.get(fileName.substring(1));
    }
}
