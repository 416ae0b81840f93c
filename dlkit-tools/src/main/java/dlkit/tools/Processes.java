package dlkit.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The processes ./dlkit's commands start (Python, pip, apt-get, ./mvnw): captured, passed through or teed. */
final class Processes {
    private Processes() {}

    record Result(int code, String out) {
        boolean ok() {
            return code == 0;
        }
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> env, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        return pb;
    }

    /**
     * Runs {@code command} with {@code stdin} (null: none) and returns its stdout; its stderr is dropped (these are
     * probes: a Python without the module asked for says so by its exit status). Code 127 when it cannot start.
     */
    static Result capture(List<String> command, Map<String, String> env, Path dir, String stdin, long timeoutS) {
        ProcessBuilder pb = builder(command, env, dir).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            Process p = pb.start();
            if (stdin != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // it exited without reading: its status says why
                }
            }
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> out.append(read(p.getInputStream())));
            reader.start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
            reader.join();
            return new Result(p.exitValue(), out.toString());
        } catch (IOException e) {
            return new Result(127, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "");
        }
    }

    static Result capture(List<String> command, Map<String, String> env) {
        return capture(command, env, null, null, 600);
    }

    /**
     * Runs {@code command} with its output going where {@code to} goes (stdout stays stdout and stderr stderr
     * when {@code to} is System.out; both to stderr when it is System.err); its exit status, 127 when it cannot
     * start.
     */
    static int passThrough(List<String> command, Map<String, String> env, Path dir, PrintStream to) {
        ProcessBuilder pb = builder(command, env, dir)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (to == System.out) {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        System.out.flush();
        System.err.flush();
        try {
            Process p = pb.start();
            if (to != System.out) {
                p.getInputStream().transferTo(to);
            }
            return p.waitFor();
        } catch (IOException e) {
            to.println("dlkit: cannot run " + command.get(0) + ": " + e.getMessage());
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * Runs {@code command} with stdout and stderr together, as it comes, to System.out and into {@code log}; its exit
     * status, 127 (and a line saying why) when it cannot start.
     */
    static int tee(List<String> command, Map<String, String> env, Path dir, Path log) throws IOException {
        ProcessBuilder pb = builder(command, env, dir)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        System.out.flush();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String line = "dlkit: cannot run " + command.get(0) + ": " + e.getMessage() + "\n";
            System.out.print(line);
            java.nio.file.Files.writeString(log, line);
            return 127;
        }
        try (InputStream in = p.getInputStream();
                OutputStream file = java.nio.file.Files.newOutputStream(log)) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                System.out.write(buf, 0, n);
                System.out.flush();
                file.write(buf, 0, n);
            }
        }
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
