package dlkit.kernel;

/** The kernel_info banner. Cheap: it must not load ND4J. */
final class Banner {

    private Banner() {
    }

    static String text(String backendLine) {
        return "DLKit " + JavaKernel.VERSION + " - Java " + Runtime.version() + " (JShell, in-process)\n"
                + "DL4J/ND4J 1.0.0-M2.1, XChart, Tablesaw on the class path\n"
                + "Backend (DLKIT_BACKEND=" + Env.backend() + "): " + backendLine + "\n"
                + "Magics: %maven %jars %classpath %load %time %%time %%html %%markdown %%latex %lsmagic";
    }
}
