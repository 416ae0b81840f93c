// Writes a copy of a notebook with parameters injected exactly as `./dlkit run -p name=value` does (same
// validation, same injected-parameters cell), for the browser test, where nothing can be typed on a command line:
//   java -cp 'target/dlkit.jar:target/lib/*' src/test/browser/InjectParameters.java IN.ipynb OUT.ipynb name=value...
// Exit status 2 (with dlkit's message) for an unknown parameter or a value that does not fit its declared type.
import dlkit.run.NotebookException;
import dlkit.run.NotebookFile;
import dlkit.run.ParameterInjector;

import java.nio.file.Path;
import java.util.Arrays;

public class InjectParameters {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: InjectParameters IN.ipynb OUT.ipynb [name=value ...]");
            System.exit(2);
        }
        try {
            NotebookFile nb = NotebookFile.read(Path.of(args[0]));
            ParameterInjector.inject(nb, ParameterInjector.parseAssignments(
                    Arrays.asList(args).subList(2, args.length)));
            nb.write(Path.of(args[1]));
        } catch (NotebookException e) {
            System.err.println("InjectParameters: " + e.getMessage());
            System.exit(2);
        }
    }
}
