package dlkit.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

class ExitCallRewriterTest {

    /** Calls System.exit; loaded from rewritten bytes it must throw instead of ending the test JVM. */
    public static final class Quitter {
        public static String quit(boolean really) {
            if (really) {
                System.exit(3);
            }
            System.out.flush(); // another System member: must keep working
            return "stayed";
        }
    }

    private static byte[] bytesOf(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream(
                c.getSimpleName().isEmpty()
                        ? null
                        : c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Class<?> define(byte[] bytes) {
        return new ClassLoader(ExitCallRewriterTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(Quitter.class.getName(), bytes, 0, bytes.length);
            }
        }.define();
    }

    @Test
    void systemExitThrowsInsteadOfExiting() throws Exception {
        Class<?> rewritten = define(ExitCallRewriter.rewrite(bytesOf(Quitter.class)));
        var quit = rewritten.getMethod("quit", boolean.class);
        assertEquals("stayed", quit.invoke(null, false));
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> quit.invoke(null, true));
        assertInstanceOf(SecurityException.class, e.getCause());
    }

    @Test
    void classesWithoutExitAreUntouched() throws Exception {
        byte[] bytes = bytesOf(ExitCallRewriterTest.class);
        assertArrayEquals(bytes, ExitCallRewriter.rewrite(bytes));
    }
}
