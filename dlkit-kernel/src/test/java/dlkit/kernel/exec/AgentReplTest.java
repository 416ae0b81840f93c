package dlkit.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.kernel.render.Rendered;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jshell.EvalException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Notebook code in an execution agent's JVM: values, output, errors and interrupts as in the kernel's own. */
@Timeout(180)
class AgentReplTest {

    private static JavaRepl repl;

    @BeforeAll
    static void start() {
        repl = new JavaRepl(List.of(), true);
    }

    @BeforeEach
    void newCell() {
        repl.beginCell();
    }

    @AfterAll
    static void stop() {
        repl.close();
    }

    private static String text(Object value) {
        return String.valueOf(((Rendered) value).data().get("text/plain"));
    }

    @Test
    void valuesAreRenderedInTheAgent() throws Exception {
        assertTrue(repl.inAgent());
        assertEquals("[1, 2]", text(repl.eval("var xs = java.util.List.of(1, 2);\nxs", 1)));
        assertEquals("3", text(repl.eval("xs.get(0) + xs.get(1)", 2)));
        assertSame(JavaRepl.NO_VALUE, repl.eval("int later = 5;", 3));
        assertEquals("null", text(repl.eval("String nothing = null;\nnothing", 4)));
    }

    @Test
    void agentTakesTheKernelsOptionsButNotItsJitLevelOrDebugger() {
        assertEquals(
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-Duser.name=student"),
                Agent.jvmOptions(List.of(
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-agentlib:jdwp=transport=dt_socket",
                        "-Duser.name=student")));
    }

    @Test
    void agentGetsTheOffHeapLimitsTheKernelSetAtStart() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("org.bytedeco.javacpp.maxphysicalbytes", "3686m");
        props.setProperty("org.bytedeco.javacpp.maxbytes", "2457m");
        props.setProperty("org.bytedeco.javacpp.cachedir", "/tmp/c");
        props.setProperty("user.name", "student");
        assertEquals(
                List.of("-Dorg.bytedeco.javacpp.maxbytes=2457m", "-Dorg.bytedeco.javacpp.maxphysicalbytes=3686m"),
                Agent.javaCppLimits(props));
    }

    @Test
    void codeRunsInAnotherJvm() throws Exception {
        long agentPid = Long.parseLong(text(repl.eval("ProcessHandle.current().pid()", 1)));
        assertNotEquals(ProcessHandle.current().pid(), agentPid);
    }

    @Test
    void printedTextReachesTheKernelsStreams() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            repl.eval("System.out.println(\"from the agent\");", 1);
            long until = System.currentTimeMillis() + 5000;
            while (!buf.toString(StandardCharsets.UTF_8).contains("from the agent")
                    && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
        } finally {
            System.setOut(old);
        }
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("from the agent"), buf.toString());
    }

    @Test
    void exceptionsKeepTheirClassNameAndMessage() {
        EvalException e =
                assertThrows(EvalException.class, () -> repl.eval("throw new IllegalStateException(\"no\");", 1));
        assertEquals("java.lang.IllegalStateException", e.getExceptionClassName());
        assertEquals("no", e.getMessage());
    }

    @Test
    void exitCallsAreRewrittenBeforeTheyReachTheAgent() throws Exception {
        EvalException e = assertThrows(EvalException.class, () -> repl.eval("System.exit(3);", 1));
        assertEquals("java.lang.SecurityException", e.getExceptionClassName());
        assertEquals("2", text(repl.eval("1 + 1", 2))); // the agent is still there
    }

    @Test
    void interruptStopsATightLoopAndKeepsState() throws Exception {
        repl.eval("int kept = 7;", 1);
        repl.beginCell();
        CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
            try {
                repl.eval("while (true) { }", 2);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(1500); // compiled and running in the agent
        long t0 = System.nanoTime();
        repl.interrupt(200);
        Throwable t = running.get(10, TimeUnit.SECONDS);
        assertTrue(t != null, "the loop ended without an error");
        assertTrue(repl.thread().wasInterrupted());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        repl.beginCell();
        assertEquals("7", text(repl.eval("kept", 3)));
    }
}
