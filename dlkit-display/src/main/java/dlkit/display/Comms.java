package dlkit.display;

import java.util.Objects;

/**
 * Where the library finds the kernel's {@link CommChannel}, as {@link Notebook} finds the kernel's
 * {@link Display}: the kernel installs its channel at start-up; elsewhere there is none.
 */
public final class Comms {

    private static volatile CommChannel current;

    private Comms() {}

    /** Installs the kernel's comm channel (the kernel calls this at start-up). */
    public static void install(CommChannel channel) {
        current = Objects.requireNonNull(channel, "channel");
    }

    /** The installed channel, or null outside a Jupyter kernel. */
    public static CommChannel current() {
        return current;
    }

    /** Removes the channel (tests). */
    public static void uninstall() {
        current = null;
    }
}
