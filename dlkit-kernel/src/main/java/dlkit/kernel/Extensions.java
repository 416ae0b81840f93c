package dlkit.kernel;

import dlkit.display.KernelExtension;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KernelExtension}s on the class path, which tell the kernel what a library wants imported, rendered,
 * warmed up and announced. Each call into an extension is guarded: an extension that fails to load or a hook that
 * throws is one line in the kernel's log (never stderr, which nbgrader scores) and is otherwise left out, so a
 * broken library never takes the kernel down.
 */
final class Extensions {

    private static final Logger LOG = LoggerFactory.getLogger(Extensions.class);
    /** ServiceLoader recovers from a bad provider "on a best effort basis": stop rather than loop on one. */
    private static final int MAX_LOAD_ERRORS = 20;

    private final List<KernelExtension> all;

    Extensions(List<KernelExtension> all) {
        this.all = List.copyOf(all);
    }

    /** The extensions registered in {@code META-INF/services/dlkit.display.KernelExtension}, in class-path order. */
    static Extensions load(ClassLoader loader) {
        List<KernelExtension> found = new ArrayList<>();
        Iterator<KernelExtension> it =
                ServiceLoader.load(KernelExtension.class, loader).iterator();
        for (int errors = 0; errors < MAX_LOAD_ERRORS; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                errors++;
                LOG.warn("kernel extension not loaded: {}", oneLine(e));
            }
        }
        return new Extensions(found);
    }

    List<KernelExtension> all() {
        return all;
    }

    List<String> imports() {
        return collect(KernelExtension::imports, "imports");
    }

    List<String> staticImports() {
        return collect(KernelExtension::staticImports, "staticImports");
    }

    List<KernelExtension.Renderer<?>> renderers() {
        return collect(KernelExtension::renderers, "renderers");
    }

    List<String> bannerLines() {
        return collect(KernelExtension::bannerLines, "bannerLines");
    }

    /** Each extension's notice, skipping none and failed ones. */
    List<String> notices() {
        List<String> out = new ArrayList<>();
        for (KernelExtension e : all) {
            String line = guarded(e, "notice", KernelExtension::notice);
            if (line != null && !line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    Map<String, String> helpLinks() {
        Map<String, String> out = new LinkedHashMap<>();
        for (KernelExtension e : all) {
            Map<String, String> links = guarded(e, "helpLinks", KernelExtension::helpLinks);
            if (links != null) {
                links.forEach(out::putIfAbsent);
            }
        }
        return out;
    }

    /**
     * Runs every extension's warm-up, one after the other; a failure stops only its own. Warm-up runs in the
     * background while cells run, so whatever it meets — even an OutOfMemoryError when a cell has used up the
     * sandbox's threads — goes to the log: uncaught, it would print to the running cell's stderr, which nbgrader
     * scores 0, in place of the cell's own error.
     */
    void warmUp() {
        for (KernelExtension e : all) {
            try {
                e.warmUp();
            } catch (Throwable err) { // NOPMD: a best-effort background job must not die loudly
                try {
                    LOG.warn(
                            "kernel extension {}: warmUp failed: {}",
                            e.getClass().getName(),
                            oneLine(err));
                } catch (Throwable ignored) { // logging itself may fail while out of memory or threads
                }
            }
        }
    }

    private <T> List<T> collect(Function<KernelExtension, List<? extends T>> hook, String name) {
        List<T> out = new ArrayList<>();
        for (KernelExtension e : all) {
            List<? extends T> part = guarded(e, name, hook);
            if (part != null) {
                out.addAll(part);
            }
        }
        return out;
    }

    private static <T> T guarded(KernelExtension e, String hook, Function<KernelExtension, T> call) {
        try {
            return call.apply(e);
        } catch (RuntimeException | LinkageError err) {
            LOG.warn("kernel extension {}: {} failed: {}", e.getClass().getName(), hook, oneLine(err));
            return null;
        }
    }

    private static String oneLine(Throwable t) {
        String s = t.toString();
        if (t.getCause() != null) {
            s += " (caused by " + t.getCause() + ")";
        }
        return s.replace('\n', ' ');
    }
}
