package dlkit.kernel;

import java.util.List;

/** The kernel_info banner. Cheap: it must not load ND4J or wait for anything. */
final class Banner {

    private Banner() {}

    /** The kernel's lines around the extensions' ({@link dlkit.display.KernelExtension#bannerLines}). */
    static String text(List<String> extensionLines) {
        StringBuilder sb = new StringBuilder(
                "DLKit " + JavaKernel.VERSION + " - Java " + Runtime.version() + " (JShell, in-process)\n");
        for (String line : extensionLines) {
            sb.append(line).append('\n');
        }
        return sb.append("Magics: %maven %jars %classpath %load %time %%time %%html %%markdown %%latex %lsmagic")
                .toString();
    }
}
