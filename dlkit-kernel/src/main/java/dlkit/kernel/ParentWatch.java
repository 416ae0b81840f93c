package dlkit.kernel;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone (Jupyter sets JPY_PARENT_PID), so a crashed
 * server or test run does not leave kernels behind holding memory. ipykernel does the same.
 */
final class ParentWatch {

    private ParentWatch() {}

    static void start() {
        Optional<ProcessHandle> parent =
                parentFromEnv().or(() -> ProcessHandle.current().parent());
        if (parent.isEmpty()) {
            return;
        }
        ProcessHandle p = parent.get();
        Thread t = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(2000);
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (!p.isAlive()) {
                            Runtime.getRuntime().halt(0);
                        }
                    }
                },
                "dlkit-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static Optional<ProcessHandle> parentFromEnv() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || pid.isBlank()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
