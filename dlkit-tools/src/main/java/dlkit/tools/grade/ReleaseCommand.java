package dlkit.tools.grade;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dlkit.run.NotebookException;
import dlkit.run.NotebookFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./dlkit release NOTEBOOK.ipynb… [-o release/]}: writes the student version of each instructor notebook
 * ({@link Release}) to {@code OUT/NAME.ipynb}. Every notebook is checked
 * first; any problem is one line and exit status 2 with nothing written.
 */
@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        description =
                "Student versions of instructor notebooks (solutions -> stubs, hidden tests out) -> OUT/NAME.ipynb.")
public final class ReleaseCommand implements Callable<Integer> {
    private static final String PREFIX = "dlkit release: ";

    @Parameters(paramLabel = "NOTEBOOK.ipynb", arity = "1..*", description = "instructor notebooks")
    List<Path> notebooks = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT_DIR",
            description = "output folder (default release)")
    Path out = Path.of("release");

    @Override
    public Integer call() {
        return run(notebooks, out);
    }

    static String nbgraderConfig() throws IOException {
        try (InputStream in = ReleaseCommand.class.getResourceAsStream("nbgrader_config.py")) {
            if (in == null) {
                throw new IOException("nbgrader_config.py is missing from the DLKit jar; rebuild with ./dlkit setup");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int run(List<Path> notebooks, Path out) {
        Map<Path, String> outputs = new LinkedHashMap<>();
        try {
            for (Path nb : notebooks) {
                if (!nb.getFileName().toString().endsWith(".ipynb")) {
                    throw new GradeException(nb + ": not an .ipynb file");
                }
                Path target = out.resolve(nb.getFileName());
                if (target.toAbsolutePath()
                        .normalize()
                        .equals(nb.toAbsolutePath().normalize())) {
                    throw new GradeException(nb + ": the release would overwrite the source; choose another -o folder");
                }
                List<String> warnings = new ArrayList<>();
                JsonObject released = Release.release(NotebookFile.read(nb), warnings);
                warnings.forEach(w -> System.err.println(PREFIX + "warning: " + w));
                if (outputs.put(
                                target,
                                new GsonBuilder()
                                                .setPrettyPrinting()
                                                .serializeNulls()
                                                .disableHtmlEscaping()
                                                .create()
                                                .toJson(released)
                                        + "\n")
                        != null) {
                    throw new GradeException(
                            nb + ": another notebook of the same name would also be written to " + target);
                }
            }
        } catch (NotebookException | GradeException e) {
            System.err.println(PREFIX + e.getMessage());
            return 2;
        }
        try {
            Files.createDirectories(out);
            for (Map.Entry<Path, String> e : outputs.entrySet()) {
                Path tmp = Files.createTempFile(out, ".release-", ".tmp");
                Files.writeString(tmp, e.getValue());
                Files.move(tmp, e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println(PREFIX + e.getKey());
            }
            return 0;
        } catch (IOException e) {
            System.err.println(PREFIX + e.getMessage());
            return 3;
        }
    }
}
