package dlkit.tools.grade;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kernelspec's launch.conf, read back: the one reader (setup and doctor in {@code dlkit.tools}, the grader). */
public final class LaunchConf {

    private LaunchConf() {}

    /** {@code key='value'} lines (launch.conf is written by ./dlkit setup with sh single quotes). */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^([a-z_]+)=((?:'[^']*'|\\\\'|[^'\\s])*)\\s*$");
        for (String l : text.split("\n")) {
            Matcher m = line.matcher(l.strip());
            if (m.matches()) {
                out.put(m.group(1), unquote(m.group(2)));
            }
        }
        return out;
    }

    private static String unquote(String v) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '\'') {
                int end = v.indexOf('\'', i + 1);
                sb.append(v, i + 1, end);
                i = end + 1;
            } else if (c == '\\' && i + 1 < v.length()) {
                sb.append(v.charAt(i + 1));
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
