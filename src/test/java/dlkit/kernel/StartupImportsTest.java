package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dlkit.kernel.exec.JavaRepl;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public DLKit class must be usable by its simple name in a fresh notebook: no two wildcard
 * imports (ours, java.util, DL4J, XChart, Tablesaw) may bring in the same simple name.
 */
class StartupImportsTest {

    @Test
    void everyPublicDlkitClassResolvesUnambiguously() throws Exception {
        Path classes = Path.of(StartupImports.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> imported = StartupImports.lines();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dlkit"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = classes.relativize(f).toString();
                if (!rel.endsWith(".class") || rel.contains("$")) {
                    continue;
                }
                String fqn = rel.substring(0, rel.length() - 6).replace('/', '.');
                String pkg = fqn.substring(0, fqn.lastIndexOf('.'));
                if (!imported.contains("import " + pkg + ".*;")) {
                    continue;
                }
                if (Modifier.isPublic(Class.forName(fqn, false, getClass().getClassLoader()).getModifiers())) {
                    names.add(fqn);
                }
            }
        }
        assertFalse(names.isEmpty());
        JavaRepl repl = new JavaRepl(List.of());
        try {
            repl.eval(String.join("\n", imported), 0);
            StringBuilder code = new StringBuilder("String[] resolved = {\n");
            for (String fqn : names) {
                code.append(fqn.substring(fqn.lastIndexOf('.') + 1)).append(".class.getName(),\n");
            }
            code.append("};\nString.join(\",\", resolved)");
            Object value = repl.eval(code.toString(), 1);
            assertEquals(String.join(",", names), value);
        } finally {
            repl.close();
        }
    }
}
