package dlkit.kernel.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Inputs of this session's cells, for history_request (tail, range and glob search). */
public final class History {

    public static final int SESSION = 1;

    /** One cell: its input and, once it ran, the text form of its result (null if none). */
    public record Entry(int session, int line, String input, String output) {
        /** [session, line, input] or, with output, [session, line, [input, output]]. */
        public List<Object> toWire(boolean withOutput) {
            return withOutput
                    ? List.of(session, line, java.util.Arrays.asList(input, output))
                    : List.of(session, line, input);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(int line, String input) {
        entries.add(new Entry(SESSION, line, input, null));
    }

    /** Records the text output of cell {@code line}. */
    public synchronized void setOutput(int line, String output) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.line() == line) {
                entries.set(i, new Entry(e.session(), e.line(), e.input(), output));
                return;
            }
        }
    }

    public synchronized List<Entry> tail(int n) {
        int from = Math.max(0, entries.size() - Math.max(0, n));
        return new ArrayList<>(entries.subList(from, entries.size()));
    }

    /** Lines start..stop-1 of a session (0 = this one); negative start counts from the end. */
    public synchronized List<Entry> range(int session, int start, int stop) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        int size = entries.size();
        int last = size == 0 ? 0 : entries.get(size - 1).line();
        int from = start < 0 ? last + start + 1 : start;
        int to = stop <= 0 && stop != 0 ? last + stop + 1 : (stop == 0 ? last + 1 : stop);
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.line() >= from && e.line() < to) {
                out.add(e);
            }
        }
        return out;
    }

    /** The last {@code n} inputs matching a glob ({@code *} and {@code ?}), optionally unique. */
    public synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern p = Pattern.compile(globToRegex(glob == null || glob.isEmpty() ? "*" : glob), Pattern.DOTALL);
        Map<String, Entry> matches = new LinkedHashMap<>();
        List<Entry> all = new ArrayList<>();
        for (Entry e : entries) {
            if (p.matcher(e.input()).matches()) {
                if (unique) {
                    matches.remove(e.input());
                    matches.put(e.input(), e);
                } else {
                    all.add(e);
                }
            }
        }
        List<Entry> found = unique ? new ArrayList<>(matches.values()) : all;
        return n > 0 && found.size() > n ? found.subList(found.size() - n, found.size()) : found;
    }

    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
