package dlkit.tools.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./dlkit nbgrader-config [FILE]}: prints the shipped nbgrader_config.py, or writes it to FILE. */
@Command(
        name = "nbgrader-config",
        mixinStandardHelpOptions = true,
        description = "Print (or write to FILE) the nbgrader_config.py for DLKit courses.")
public final class NbgraderConfigCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "where to write it (default: print it)")
    Path target;

    @Override
    public Integer call() {
        try {
            String text = ReleaseCommand.nbgraderConfig();
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
}
