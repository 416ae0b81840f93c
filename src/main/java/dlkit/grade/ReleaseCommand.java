package dlkit.grade;

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

/**
 * {@code ./dlkit release NOTEBOOK.ipynb… [-o release/]}: writes the student version of each instructor notebook
 * ({@link Release}) to {@code OUT/NAME.ipynb}. Every notebook is checked
 * first; any problem is one line and exit status 2 with nothing written.
 *
 * <p>{@code ./dlkit nbgrader-config [FILE]} prints the shipped nbgrader_config.py, or writes it to FILE.
 */
public final class ReleaseCommand {
    private static final String PREFIX = "dlkit release: ";
    static final String USAGE = "usage: ./dlkit release NOTEBOOK.ipynb... [-o OUT_DIR]";

    private ReleaseCommand() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--nbgrader-config")) {
            System.exit(config(args.length > 1 ? Path.of(args[1]) : null));
        }
        System.exit(run(args));
    }

    static String nbgraderConfig() throws IOException {
        try (InputStream in = ReleaseCommand.class.getResourceAsStream("nbgrader_config.py")) {
            if (in == null) {
                throw new IOException("nbgrader_config.py is missing from the DLKit jar; rebuild with ./dlkit setup");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int config(Path target) {
        try {
            String text = nbgraderConfig();
            if (target == null) {
                System.out.print(text);
            } else {
                if (target.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(target.toAbsolutePath().getParent());
                }
                Files.writeString(target, text);
                System.out.println("dlkit: wrote " + target);
            }
            return 0;
        } catch (IOException e) {
            System.err.println("dlkit nbgrader-config: " + e.getMessage());
            return 3;
        }
    }

    static int run(String[] args) {
        Path out = Path.of("release");
        List<Path> notebooks = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-o") || a.equals("--output")) {
                if (++i >= args.length) {
                    System.err.println(PREFIX + a + " needs a folder; " + USAGE);
                    return 2;
                }
                out = Path.of(args[i]);
            } else if (a.equals("-h") || a.equals("--help")) {
                System.out.println(USAGE);
                return 0;
            } else if (a.startsWith("-")) {
                System.err.println(PREFIX + "unknown option " + a + "; " + USAGE);
                return 2;
            } else {
                notebooks.add(Path.of(a));
            }
        }
        if (notebooks.isEmpty()) {
            System.err.println(PREFIX + "no notebook given; " + USAGE);
            return 2;
        }
        Map<Path, String> outputs = new LinkedHashMap<>();
        try {
            for (Path nb : notebooks) {
                if (!nb.getFileName().toString().endsWith(".ipynb")) {
                    throw new GradeException(nb + ": not an .ipynb file");
                }
                Path target = out.resolve(nb.getFileName());
                if (target.toAbsolutePath().normalize().equals(nb.toAbsolutePath().normalize())) {
                    throw new GradeException(nb + ": the release would overwrite the source; choose another -o folder");
                }
                List<String> warnings = new ArrayList<>();
                JsonObject released = Release.release(NotebookFile.read(nb), warnings);
                warnings.forEach(w -> System.err.println(PREFIX + "warning: " + w));
                if (outputs.put(target, new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
                        .create().toJson(released) + "\n") != null) {
                    throw new GradeException(nb + ": another notebook of the same name would also be written to " + target);
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
