package dlkit.tools.grade.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dlkit.tools.grade.GraderOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./dlkit gradescope notebooks/X.ipynb [-o autograder.zip]}: a Gradescope autograder (the "zip upload"
 * format of gradescope/autograder_samples): {@code setup.sh} (JDK, Python, bubblewrap, then {@code ./dlkit setup}:
 * Jupyter, the Maven build and the kernelspec) and {@code run_autograder} at the root, the instructor source in
 * {@code assignment/}, and DLKit's sources in {@code dlkit/}. {@code run_autograder} grades the uploaded notebook
 * with {@code ./dlkit grade} (the course's grader, sandbox included) and turns its grades.json into
 * {@code /autograder/results/results.json} ({@link GradescopeResults}).
 */
@Command(
        name = "gradescope",
        mixinStandardHelpOptions = true,
        description = "A Gradescope autograder (zip upload) for the assignment SOURCE.ipynb; the grader options are "
                + "passed on to ./dlkit grade in it.")
public final class GradescopeBundle implements Callable<Integer> {
    /** The top of what the autograder builds DLKit from; each module's pom and main sources come too. */
    private static final List<String> DLKIT_FILES =
            List.of("dlkit", "mvnw", "pom.xml", "requirements.txt", ".mvn", "kernel");

    @Parameters(paramLabel = "SOURCE.ipynb", description = "the instructor notebook (solutions and hidden tests)")
    Path source;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "ZIP",
            description = "default autograder.zip")
    Path out = Path.of("autograder.zip");

    @Option(names = "--repo", paramLabel = "DIR", description = "the DLKit checkout to bundle (default: this one)")
    Path repo;

    @Mixin
    GraderOptions grader = new GraderOptions();

    @Override
    public Integer call() {
        try {
            Path repo = this.repo != null ? this.repo : checkout();
            for (String f : List.of("dlkit", "pom.xml", "dlkit-tools/src/main")) {
                if (!Files.exists(repo.resolve(f))) {
                    throw new ClusterException(repo + " is not a DLKit checkout (no " + f + "); pass --repo DIR");
                }
            }
            List<String> graded = gradeCells(source);
            String name = source.getFileName().toString();
            try (OutputStream os = Files.newOutputStream(out);
                    ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
                add(zip, "setup.sh", setupSh().getBytes(StandardCharsets.UTF_8), 0755);
                add(zip, "run_autograder", runAutograder(name, grader.words()).getBytes(StandardCharsets.UTF_8), 0755);
                add(zip, "assignment/" + name, Files.readAllBytes(source), 0644);
                for (String f : dlkitFiles(repo)) {
                    Path p = repo.resolve(f);
                    if (!Files.exists(p)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.walk(p)) {
                        for (Path file :
                                files.filter(Files::isRegularFile).sorted().toList()) {
                            String rel = repo.relativize(file).toString();
                            add(zip, "dlkit/" + rel, Files.readAllBytes(file), Files.isExecutable(file) ? 0755 : 0644);
                        }
                    }
                }
            }
            System.out.println("dlkit gradescope: " + out + ": autograder for " + name + " (" + graded.size()
                    + " grade cells: " + String.join(", ", graded) + "); upload it as the assignment's autograder "
                    + "(base image: Ubuntu 22.04)");
            return 0;
        } catch (ClusterException e) {
            System.err.println("dlkit gradescope: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("dlkit gradescope: " + e.getMessage());
            return 2;
        }
    }

    /**
     * The checkout ./dlkit runs from ({@code -Ddlkit.home}), else the one this build came from (the parent of the
     * build folder holding dlkit.jar), else the working folder.
     */
    private static Path checkout() {
        String home = System.getProperty("dlkit.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return dlkit.tools.BuildFolder.of(GradescopeBundle.class)
                .map(Path::getParent)
                .filter(p -> Files.exists(p.resolve("dlkit")))
                .orElse(Path.of("").toAbsolutePath());
    }

    /** {@link #DLKIT_FILES} and the modules the checkout has ({@code dlkit-*} with a pom): pom and src/main each. */
    private static List<String> dlkitFiles(Path repo) throws IOException {
        List<String> files = new java.util.ArrayList<>(DLKIT_FILES);
        try (Stream<Path> dirs = Files.list(repo)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("dlkit-")
                            && Files.isRegularFile(d.resolve("pom.xml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .forEach(m -> files.addAll(List.of(m + "/pom.xml", m + "/src/main")));
        }
        return files;
    }

    private static List<String> gradeCells(Path source) throws ClusterException {
        JsonObject nb;
        try {
            nb = JsonParser.parseString(Files.readString(source)).getAsJsonObject();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ClusterException(source + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new ClusterException(source + ": not a notebook (" + e.getMessage() + ")");
        }
        List<String> ids = new ArrayList<>();
        boolean solutions = false;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonElement text = c.getAsJsonObject().get("source");
            solutions |= text != null && text.toString().contains("BEGIN SOLUTION");
            JsonObject n = GradescopeResults.nbgrader(c.getAsJsonObject());
            if (n != null && n.has("grade") && n.get("grade").getAsBoolean()) {
                ids.add(n.get("grade_id").getAsString());
            }
        }
        if (!solutions) {
            throw new ClusterException(source + ": no BEGIN SOLUTION region anywhere: this looks like a student "
                    + "version (./dlkit release output); pass the instructor source, whose hidden tests the "
                    + "autograder needs");
        }
        if (ids.isEmpty()) {
            throw new ClusterException(source + ": no grade cells (no cell has nbgrader \"grade\": true); pass the "
                    + "instructor source with its autograder test cells, not a student version");
        }
        return ids;
    }

    private static void add(ZipArchiveOutputStream zip, String name, byte[] data, int mode) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(0100000 | mode); // a regular file with these permissions
        e.setSize(data.length);
        zip.putArchiveEntry(e);
        zip.write(data);
        zip.closeArchiveEntry();
    }

    static String setupSh() {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this once, as root, when it builds the autograder image (Ubuntu 22.04 base image):
                # the JDK, a Python >= 3.11 for Jupyter, bubblewrap for the grader's sandbox, then DLKit's own set-up
                # (Jupyter from PyPI into build/venv, the Maven build into target/, the "dlkit" kernelspec).
                set -euo pipefail
                export DEBIAN_FRONTEND=noninteractive
                apt-get update -q
                apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless python3.11 python3.11-venv \\
                  bubblewrap fontconfig fonts-dejavu-core ca-certificates
                export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
                cd /autograder/source/dlkit
                chmod +x dlkit mvnw
                ./dlkit setup
                """;
    }

    static String runAutograder(String notebook, List<String> graderArgs) {
        StringBuilder extra = new StringBuilder();
        for (String w : graderArgs) {
            extra.append(' ').append(GraderCommand.sq(w));
        }
        return """
                #!/usr/bin/env bash
                # Gradescope runs this for each submission (cwd /autograder): grades the uploaded notebook with
                # ./dlkit grade and writes /autograder/results/results.json (one test per autograded cell).
                set -uo pipefail
                root=${AUTOGRADER_ROOT:-/autograder}
                source="$root/source/assignment/%s"
                dlkit="$root/source/dlkit/dlkit"
                results="$root/results"
                work="$results/dlkit"
                mkdir -p "$results"
                export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
                shopt -s nullglob
                subs=("$root"/submission/*.ipynb "$root"/submission/*/*.ipynb)
                pick=""
                for s in "${subs[@]}"; do [ "$(basename "$s")" = "%s" ] && pick=$s; done
                if [ -z "$pick" ] && [ ${#subs[@]} -eq 1 ]; then pick=${subs[0]}; fi
                extra=()
                # The grader's sandbox needs user namespaces; where the container forbids them, the container is
                # the sandbox (one per submission) and the grader is told so, if it has the option.
                if ! bwrap --unshare-all --die-with-parent --ro-bind / / true >/dev/null 2>&1; then
                  case "$("$dlkit" grade --help 2>&1)" in *--no-sandbox*) extra+=(--no-sandbox) ;; esac
                fi
                rm -rf "$work"
                if [ -n "$pick" ]; then
                  "$dlkit" grade%s "${extra[@]}" --source "$source" "$pick" -o "$work" > "$results/grade.log" 2>&1
                  echo "dlkit grade exit status $?" >> "$results/grade.log"
                  cat "$results/grade.log"
                fi
                build=${DLKIT_BUILD_DIR:-$root/source/dlkit/target}
                exec "$JAVA_HOME/bin/java" -cp "$build/dlkit.jar:$build/lib/*" dlkit.tools.Tools \\
                  gradescope-results --source "$source" --grades "$work/grades.json" --log "$results/grade.log" \\
                  --found "${#subs[@]}" -o "$results/results.json"
                """.formatted(notebook, notebook, extra);
    }
}
