package dlkit.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The bytecode check of snippet classes: what it refuses in grading mode, what it always refuses, what passes. */
class GradingGuardTest {

    static final class Plain {
        static Object run() {
            Supplier<String> s = () -> "a" + System.nanoTime(); // lambda + string concat: bootstraps pass
            record P(int x) {}
            return List.of(s.get(), new P(1), Math.max(1, 2), new int[3]);
        }
    }

    static final class Reflective {
        static Object run() throws Exception {
            return Plain.class.getDeclaredMethod("run").invoke(null);
        }
    }

    static final class UsesUnsafe {
        static Object run() throws Exception {
            return sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        }
    }

    static final class Handles {
        static Object run() throws Exception {
            return java.lang.invoke.MethodHandles.lookup();
        }
    }

    static final class Spawns {
        static Object run() throws Exception {
            return new ProcessBuilder("true").start();
        }
    }

    static final class Connects {
        static Object run() throws Exception {
            return new java.net.Socket("127.0.0.1", 1);
        }
    }

    static final class Halts {
        static void run() {
            Runtime.getRuntime().halt(1);
        }
    }

    static final class Exits {
        static void run() {
            Runtime.getRuntime().exit(1);
        }
    }

    static final class KernelInternals {
        static Object run() {
            return new ExecutionThread();
        }
    }

    private static byte[] bytesOf(Class<?> c) throws Exception {
        String simple = c.getName().substring(c.getName().lastIndexOf('.') + 1);
        try (InputStream in = c.getResourceAsStream(simple + ".class")) {
            return in.readAllBytes();
        }
    }

    private static String grading(Class<?> c, List<String> allow) throws Exception {
        return GradingGuard.check(bytesOf(c), true, allow);
    }

    @Test
    void plainCodeWithLambdasRecordsAndConcatPasses() throws Exception {
        assertNull(grading(Plain.class, List.of()));
        assertNull(GradingGuard.check(bytesOf(Plain.class), false, List.of()));
    }

    @Test
    void reflectionUnsafeHandlesProcessesSocketsAndKernelClassesAreRefusedWhileGrading() throws Exception {
        assertEquals(
                "grading: this code uses java.lang.Class.getDeclaredMethod, java.lang.reflect.Method "
                        + "(reflection), which is not allowed while notebooks are graded; remove it (an instructor can allow "
                        + "it in the notebook metadata dlkit.grading.allow)",
                grading(Reflective.class, List.of()));
        assertTrue(grading(UsesUnsafe.class, List.of()).contains("sun.misc.Unsafe"));
        assertTrue(grading(Handles.class, List.of()).contains("java.lang.invoke.MethodHandles.lookup"));
        assertTrue(grading(Spawns.class, List.of()).contains("java.lang.ProcessBuilder (starting processes)"));
        assertTrue(grading(Connects.class, List.of()).contains("java.net.Socket (the network)"));
        assertTrue(grading(KernelInternals.class, List.of()).contains("dlkit.kernel.exec.ExecutionThread"));
        // outside grading, the same code loads
        assertNull(GradingGuard.check(bytesOf(Reflective.class), false, List.of()));
        assertNull(GradingGuard.check(bytesOf(Spawns.class), false, List.of()));
    }

    @Test
    void runtimeExitAndHaltAreAlwaysRefused() throws Exception {
        String halt = GradingGuard.check(bytesOf(Halts.class), false, List.of());
        assertEquals(
                "Runtime.getRuntime().halt(...) would stop the kernel, so DLKit blocked it; use Kernel > "
                        + "Restart to start afresh",
                halt);
        assertNotNull(GradingGuard.check(bytesOf(Exits.class), false, List.of()));
        assertNotNull(grading(Exits.class, List.of()));
    }

    @Test
    void theAssignmentsAllowListLetsNamedApisThrough() throws Exception {
        assertNull(grading(Spawns.class, List.of("java/lang/ProcessBuilder", "java/lang/Process")));
        assertNotNull(grading(Connects.class, List.of("java/lang/ProcessBuilder")));
        assertNull(grading(Reflective.class, List.of("java/lang/Class.getDeclaredMethod", "java/lang/reflect/")));
    }
}
