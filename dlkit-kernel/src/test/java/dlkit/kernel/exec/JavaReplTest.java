package dlkit.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jshell.EvalException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(120)
class JavaReplTest {

    private static JavaRepl repl;

    @BeforeAll
    static void start() {
        repl = new JavaRepl(List.of());
    }

    @org.junit.jupiter.api.BeforeEach
    void newCell() {
        repl.beginCell(); // as the kernel does before every cell
    }

    @AfterAll
    static void stop() {
        repl.close();
    }

    @Test
    void lastExpressionIsTheRealObject() throws Exception {
        Object v = repl.eval("java.util.List<Integer> xs = java.util.List.of(1, 2);\nxs", 1);
        assertEquals(List.of(1, 2), v);
    }

    @Test
    void declarationsHaveNoValueButPersist() throws Exception {
        assertSame(JavaRepl.NO_VALUE, repl.eval("int persisted = 41;", 1));
        assertEquals(42, repl.eval("persisted + 1", 2));
    }

    @Test
    void nullValueIsDistinguishedFromNoValue() throws Exception {
        assertSame(InProcessControl.NULL, repl.eval("String nothing = null;\nnothing", 1));
    }

    @Test
    void compileErrorsPointAtTheLineWithACaret() {
        CompileError e = assertThrows(CompileError.class, () -> repl.eval("int ok = 1;\n\nint bad = \"s\";", 5));
        assertTrue(
                e.lines().get(0).startsWith("Line 3: incompatible types"),
                e.lines().toString());
        assertEquals("    int bad = \"s\";", e.lines().get(1));
        assertEquals("              ^", e.lines().get(2));
    }

    @Test
    void userExceptionsKeepTheirClassName() {
        EvalException e =
                assertThrows(EvalException.class, () -> repl.eval("throw new IllegalStateException(\"no\");", 1));
        assertEquals("java.lang.IllegalStateException", e.getExceptionClassName());
        assertEquals("no", e.getMessage());
    }

    @Test
    void kernelClassPathIsVisibleWithoutASecondCopy() throws Exception {
        // the snippet sees the very Class object the kernel loaded: one copy, one loader
        Object same = repl.eval(
                "com.google.gson.Gson.class == Class.forName(\"com.google.gson.Gson\", "
                        + "false, ClassLoader.getSystemClassLoader())",
                1);
        assertEquals(true, same);
    }

    @Test
    void classFoldersAddedLaterCompileAndRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path src = dir.resolve("Added.java");
        java.nio.file.Files.writeString(
                src, "package added; public class Added { public static int answer() { return 42; } }");
        javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), src.toString());
        assertTrue(repl.addToClasspath(dir.toString()));
        assertEquals(42, repl.eval("added.Added.answer()", 1));
    }

    @Test
    void aFolderAddedAgainShowsTheClassesCompiledIntoItSince(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        java.nio.file.Path first = java.nio.file.Files.writeString(
                dir.resolve("First.java"),
                "package later; public class First { public static int one() { return 1; } }");
        javac.run(null, null, null, "-d", dir.toString(), first.toString());
        assertTrue(repl.addToClasspath(dir.toString()));
        assertEquals(1, repl.eval("later.First.one()", 1));
        java.nio.file.Path second = java.nio.file.Files.writeString(
                dir.resolve("Second.java"),
                "package later; public class Second { public static int two() { return 2; } }");
        javac.run(null, null, null, "-d", dir.toString(), second.toString());
        assertThrows(CompileError.class, () -> repl.eval("later.Second.two()", 2), "javac keeps package members");
        assertTrue(repl.addToClasspath(dir.toString()), "%classpath again");
        assertEquals(3, repl.eval("later.First.one() + later.Second.two()", 3));
        String jar = dir.resolve("none.jar").toString();
        assertTrue(repl.addToClasspath(jar));
        assertFalse(repl.addToClasspath(jar), "a jar is added once");
    }

    @Test
    void anInterruptWhileCompilingCancelsTheCell() throws Exception {
        repl.beginCell();
        repl.thread().interrupt(100); // arrives before any snippet of the cell runs
        assertThrows(Exception.class, () -> repl.eval("int neverSet = 1;", 1));
        assertTrue(repl.thread().wasInterrupted());
        repl.beginCell();
        assertEquals(2, repl.eval("1 + 1", 2), "the next cell runs normally");
    }

    @Test
    void methodsMayUseOverloadsDeclaredLaterInTheSameCell() throws Exception {
        repl.eval("double twice(double x) { return twice(x, 2); }\ndouble twice(double x, int k) { return x * k; }", 1);
        assertEquals(6.0, repl.eval("twice(3.0)", 2));
    }

    @Test
    void aDeclarationLeftUnresolvedFailsInItsOwnCell() {
        CompileError e = assertThrows(CompileError.class, () -> repl.eval("class Holder { Missing m; }", 1));
        assertTrue(e.getMessage().contains("Holder") && e.getMessage().contains("Missing"), e.getMessage());
    }

    @Test
    void isCompleteSaysInvalidIncompleteOrComplete() {
        assertEquals("complete", repl.isComplete("int x = 1;"));
        assertEquals("incomplete", repl.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("invalid", repl.isComplete("1 +* 2)"));
    }

    @Test
    void aTightLoopIsReallyStoppedAndStateSurvives() throws Exception {
        repl.eval("int survivor = 7;", 1);
        CompletableFuture<Object> loop = CompletableFuture.supplyAsync(() -> {
            try {
                return repl.eval("long spins = 0; while (true) { spins++; }", 2);
            } catch (Exception e) {
                return e;
            }
        });
        long wait = System.currentTimeMillis() + 30_000;
        while (!repl.thread().isBusy() && System.currentTimeMillis() < wait) {
            Thread.sleep(20); // JShell is still compiling the loop
        }
        Thread.sleep(200);
        long t0 = System.nanoTime();
        repl.thread().interrupt(200);
        Object outcome = loop.get(2, TimeUnit.SECONDS);
        assertTrue((System.nanoTime() - t0) / 1e9 < 2.0, "stopped within 2 s");
        assertTrue(outcome instanceof Exception, "the loop ended with an exception: " + outcome);
        assertTrue(repl.thread().wasInterrupted());
        repl.beginCell();
        assertEquals(8, repl.eval("survivor + 1", 3));
    }
}
