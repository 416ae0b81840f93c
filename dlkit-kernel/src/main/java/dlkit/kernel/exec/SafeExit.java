package dlkit.kernel.exec;

/** What notebook calls to System.exit run instead (see {@link ExitCallRewriter}). */
public final class SafeExit {

    private SafeExit() {}

    public static void exit(int status) {
        throw new SecurityException("System.exit(" + status + ") would stop the kernel, so DLKit blocked it; "
                + "use Kernel > Restart to start afresh");
    }
}
