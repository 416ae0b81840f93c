package dlkit.tools.grade.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short cluster client command (sbatch, squeue, sacct, scontrol) and captures what it printed. */
record Proc(int rc, String out, String err) {
    static Proc run(List<String> cmd) throws ClusterException {
        try {
            java.nio.file.Path errFile = java.nio.file.Files.createTempFile("dlkit-cluster-", ".err");
            try {
                Process p = new ProcessBuilder(cmd)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectError(errFile.toFile())
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Proc(124, out, cmd.get(0) + " did not answer within 120 s");
                }
                return new Proc(p.exitValue(), out, java.nio.file.Files.readString(errFile));
            } finally {
                java.nio.file.Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new ClusterException(cmd.get(0) + ": cannot run it (" + e.getMessage() + "); is it on PATH?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(cmd.get(0) + ": interrupted");
        }
    }

    String firstErrorLine() {
        String s = (err.isBlank() ? out : err).strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(":")) {
            if (!d.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
