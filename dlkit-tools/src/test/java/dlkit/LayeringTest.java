package dlkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of ARCHITECTURE.md, checked on the compiled main classes: the kernel knows no deep learning and no
 * library package (the library reaches it only through the {@code dlkit.display.KernelExtension} seam), the library
 * knows no kernel, and the command-line tools know no networks. The Maven modules ({@code dlkit-display},
 * {@code dlkit-kernel}, {@code dlkit-lib}, {@code dlkit-tools}) enforce their lines at compile time; these rules
 * hold inside them too (the tools see the library, but must not train networks). Here because this module's tests
 * see every module's classes.
 */
class LayeringTest {

    /** Deep learning and the libraries the notebooks use: the library's business, not the kernel's. */
    private static final String[] THIRD_PARTY_LIBRARY = {
        "org.nd4j..", "org.deeplearning4j..", "org.bytedeco..", "org.knowm.xchart..", "tech.tablesaw..",
    };

    /** The library (dlkit-lib), with the seam API dlkit.display (dlkit-display) and the extension dlkit.notebook. */
    private static final String[] LIBRARY = {
        "dlkit.display..", "dlkit.notebook..", "dlkit.backend..", "dlkit.nn..", "dlkit.data..", "dlkit.plot..",
        "dlkit.image..", "dlkit.conv..", "dlkit.edges..", "dlkit.memory..", "dlkit.linalg..", "dlkit.widgets..",
    };

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // each module's test-classes (target/modules/NAME/test-classes: not ArchUnit's own target/test-classes)
        main = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("dlkit");
    }

    @Test
    void theKernelKnowsNoDeepLearningAndNoLibraryPackage() {
        noClasses()
                .that()
                .resideInAPackage("dlkit.kernel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(THIRD_PARTY_LIBRARY)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dlkit.notebook..",
                        "dlkit.backend..",
                        "dlkit.nn..",
                        "dlkit.data..",
                        "dlkit.plot..",
                        "dlkit.image..",
                        "dlkit.conv..",
                        "dlkit.edges..",
                        "dlkit.memory..",
                        "dlkit.linalg..",
                        "dlkit.widgets..",
                        "dlkit.grade..",
                        "dlkit.tools..",
                        "dlkit.run..")
                .because("the library tells the kernel what it needs through dlkit.display.KernelExtension")
                .check(main);
    }

    @Test
    void theSeamApiNeedsOnlyTheJdk() {
        classes()
                .that()
                .resideInAPackage("dlkit.display..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax..", "dlkit.display..")
                .because("both the kernel and the library use dlkit.display, so it can pull in neither")
                .check(main);
    }

    @Test
    void theLibraryKnowsNoKernel() {
        noClasses()
                .that()
                .resideInAnyPackage(LIBRARY)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dlkit.kernel..")
                .because("the library runs in plain Java programs too; it reaches Jupyter only through dlkit.display")
                .check(main);
    }

    @Test
    void theToolsKnowNoNetworks() {
        noClasses()
                .that()
                .resideInAnyPackage("dlkit.run..", "dlkit.tools.grade..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dlkit.nn..", "dlkit.edges..", "dlkit.memory..")
                .because("run, grade and release work on notebooks, not on networks")
                .check(main);
    }

    @Test
    void notebooksSeeNoToolInTheGradePackage() {
        // dlkit.grade is what graded cells call (Checks) and what a release writes (Stub): library code that
        // kernels load, imported into every notebook; the grader itself lives in dlkit.tools.grade
        classes()
                .that()
                .resideInAPackage("dlkit.grade")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages("dlkit.tools..", "dlkit.run..", "dlkit.kernel..")
                .check(main);
    }
}
