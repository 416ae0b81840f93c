package dlkit.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * What every notebook starts with: the common JDK packages, {@code dlkit.display} (display, HTML, Markdown), and
 * what the extensions add ({@link dlkit.display.KernelExtension#imports}: for DLKit's library its packages, ND4J,
 * the common DL4J configuration names, XChart and Tablesaw). All package imports come before all single-type ones,
 * and names absent from the class path are left out.
 */
final class StartupImports {

    /** The kernel's own part: {@code java.*} and the seam API that the kernel itself implements. */
    private static final List<String> KERNEL = List.of(
            "java.util.*",
            "java.util.function.*",
            "java.util.stream.*",
            "java.io.*",
            "java.nio.file.*",
            "java.math.*",
            "java.time.*",
            "dlkit.display.*",
            "java.awt.image.BufferedImage");

    private static final List<String> KERNEL_STATIC = List.of("dlkit.display.Notebook.*");

    private StartupImports() {}

    /** The import lines, one declaration each. */
    static List<String> lines(Extensions extensions, ClassLoader cl) {
        List<String> plain = new ArrayList<>(KERNEL);
        plain.addAll(extensions.imports());
        List<String> statics = new ArrayList<>(KERNEL_STATIC);
        statics.addAll(extensions.staticImports());
        List<String> out = new ArrayList<>();
        for (String name : plain) {
            if (name.endsWith(".*") && present(name, cl)) {
                out.add("import " + name + ";");
            }
        }
        for (String name : plain) {
            if (!name.endsWith(".*") && present(name, cl)) {
                out.add("import " + name + ";");
            }
        }
        for (String name : statics) {
            if (name.endsWith(".*") ? isClass(name.substring(0, name.length() - 2), cl) : isMember(name, cl)) {
                out.add("import static " + name + ";");
            }
        }
        return out;
    }

    /** A package ({@code p.*}) or type on the class path; {@code java.*} always is. */
    private static boolean present(String name, ClassLoader cl) {
        if (name.startsWith("java.")) {
            return true;
        }
        if (name.endsWith(".*")) {
            String p = name.substring(0, name.length() - 2);
            return cl.getResource(p.replace('.', '/')) != null || cl.getDefinedPackage(p) != null;
        }
        return isClass(name, cl);
    }

    private static boolean isClass(String type, ClassLoader cl) {
        return type.startsWith("java.") || cl.getResource(type.replace('.', '/') + ".class") != null;
    }

    /** {@code a.b.C.member}: present when its class is. */
    private static boolean isMember(String name, ClassLoader cl) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && isClass(name.substring(0, dot), cl);
    }
}
