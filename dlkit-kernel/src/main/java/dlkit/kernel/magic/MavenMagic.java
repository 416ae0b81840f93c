package dlkit.kernel.magic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code %maven group:artifact:version …}: resolves artifacts and their runtime dependencies with
 * Maven's resolver (Maven Central plus the user's settings.xml: local repository, mirrors, offline)
 * and adds the jars. Jars of artifacts the kernel already carries (DL4J, ND4J, XChart, …) are skipped:
 * loading JavaCPP or ND4J twice breaks them.
 */
public final class MavenMagic implements LineMagic {

    private static final Pattern COORDS = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+){1,3}");

    private final MavenResolver resolver;

    public MavenMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object run(String args, MagicContext ctx) throws Exception {
        List<String> coords = CellParser.args(args);
        if (coords.isEmpty()) {
            throw new MagicException("%maven needs coordinates, e.g. %maven org.apache.commons:commons-math3:3.6.1");
        }
        List<Path> jars = new ArrayList<>();
        for (String c : coords) {
            if (!COORDS.matcher(c).matches()) {
                throw new MagicException("%maven: '" + c + "' is not group:artifact:version "
                        + "(or group:artifact:extension[:classifier]:version)");
            }
            jars.addAll(resolver.resolve(c));
        }
        List<String> added = ctx.addToClasspath(jars);
        System.out.println(
                added.isEmpty()
                        ? "%maven: nothing new to add (already on the kernel's class path)"
                        : "%maven: added " + added.size() + " jar(s)");
        return null;
    }
}
