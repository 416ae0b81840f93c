package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.display.KernelExtension;
import dlkit.kernel.exec.JavaRepl;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public DLKit class must be usable by its simple name in a fresh notebook: no two wildcard
 * imports (ours, java.util, DL4J, XChart, Tablesaw) may bring in the same simple name. The extensions'
 * imports are placed as the kernel's own are: packages first, then single types, then static imports.
 */
class StartupImportsTest {

    /** An extension with a package, a type, a static import, and one name of each that is not there. */
    private static final KernelExtension FAKE = new KernelExtension() {
        @Override
        public List<String> imports() {
            return List.of(
                    "org.junit.jupiter.api.Assertions", "org.junit.jupiter.api.*", "no.such.pkg.*", "no.such.Type");
        }

        @Override
        public List<String> staticImports() {
            return List.of("org.junit.jupiter.api.Assertions.*", "no.such.Type.*");
        }
    };

    @Test
    void extensionImportsFollowTheKernelsOwnOfTheirKind() {
        List<String> lines =
                StartupImports.lines(new Extensions(List.of(FAKE)), getClass().getClassLoader());
        assertEquals(
                List.of(
                        "import java.util.*;",
                        "import java.util.function.*;",
                        "import java.util.stream.*;",
                        "import java.io.*;",
                        "import java.nio.file.*;",
                        "import java.math.*;",
                        "import java.time.*;",
                        "import dlkit.display.*;",
                        "import org.junit.jupiter.api.*;",
                        "import java.awt.image.BufferedImage;",
                        "import org.junit.jupiter.api.Assertions;",
                        "import static dlkit.display.Notebook.*;",
                        "import static org.junit.jupiter.api.Assertions.*;"),
                lines);
    }

    @Test
    void withoutExtensionsTheKernelImportsOnlyTheJdkAndTheDisplayApi() {
        List<String> lines =
                StartupImports.lines(new Extensions(List.of()), getClass().getClassLoader());
        assertEquals(9 + 1, lines.size(), lines.toString());
        assertEquals("import static dlkit.display.Notebook.*;", lines.get(lines.size() - 1));
    }

    @Test
    void everyPublicDlkitClassResolvesUnambiguously() throws Exception {
        ClassLoader cl = getClass().getClassLoader();
        List<String> imported = StartupImports.lines(Extensions.load(cl), cl);
        List<String> names = new ArrayList<>();
        // the kernel's, the display API's and the library's classes: folders in a build, jars when packaged
        for (Class<?> inModule :
                List.of(StartupImports.class, dlkit.display.Html.class, dlkit.notebook.DlkitExtension.class)) {
            Path location = Path.of(
                    inModule.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
                Path classes = jar == null ? location : jar.getPath("/");
                try (Stream<Path> files = Files.walk(classes.resolve("dlkit"))) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        String rel = classes.relativize(f).toString();
                        if (!rel.endsWith(".class") || rel.contains("$")) {
                            continue;
                        }
                        String fqn = rel.substring(0, rel.length() - 6).replace('/', '.');
                        String pkg = fqn.substring(0, fqn.lastIndexOf('.'));
                        if (imported.contains("import " + pkg + ".*;")
                                && Modifier.isPublic(
                                        Class.forName(fqn, false, cl).getModifiers())) {
                            names.add(fqn);
                        }
                    }
                }
            }
        }
        assertTrue(names.contains("dlkit.display.Html") && names.contains("dlkit.nn.Trainer"), names.toString());
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
