package dlkit.display;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What a library tells the Jupyter kernel, so that the kernel needs no compile-time knowledge of it (as JJava's
 * extensions and the Kotlin kernel's {@code JupyterIntegration} do). An implementation is found with
 * {@link java.util.ServiceLoader}: name it in {@code META-INF/services/dlkit.display.KernelExtension}; it needs a
 * public no-argument constructor, which must be cheap (the kernel loads extensions before answering kernel_info).
 *
 * <p>Every method has a harmless default, so an extension states only what it adds. The kernel guards each call:
 * an extension that fails to load, or a hook that throws, costs one line in the kernel's log, never the kernel.
 * Renderers are the exception: they run on the user's values, and what they throw reaches the cell that asked
 * for the display, as any other exception does.
 */
public interface KernelExtension {

    /**
     * Imports for every notebook, each as written after {@code import}: {@code "dlkit.nn.*"} for a package,
     * {@code "org.nd4j.linalg.factory.Nd4j"} for one type (used where two packages' wildcards would clash). The
     * kernel puts all package imports before all type imports and skips names absent from the class path, so a
     * part that only some builds have can be listed.
     */
    default List<String> imports() {
        return List.of();
    }

    /** Static imports for every notebook, each as written after {@code import static}: {@code "a.b.Checks.*"}. */
    default List<String> staticImports() {
        return List.of();
    }

    /**
     * Renderers for the library's types. The kernel tries them in order after {@link Renderable} values and
     * before its own fallbacks (images, strings, Java arrays, {@code toString}).
     */
    default List<Renderer<?>> renderers() {
        return List.of();
    }

    /**
     * Work done once in the background after the startup imports are in, so that the first cell does not pay for
     * it (loading a native backend, say). Not called with {@code DLKIT_PREWARM=0}.
     */
    default void warmUp() {}

    /**
     * One line that the first executed cell prints before its own output (why the GPU is not used, say), or null
     * for none. Called once, in the background as the kernel starts; the first cell waits for it. What it finds
     * may be kept for {@link #bannerLines}.
     */
    default String notice() {
        return null;
    }

    /**
     * Lines for the kernel_info banner, between the kernel's first line and its list of magics. Called on every
     * kernel_info request, which must be answered at once: cheap, no waiting, no native code.
     */
    default List<String> bannerLines() {
        return List.of();
    }

    /** Links for the front end's Help menu, text to URL, in order, after the kernel's own. */
    default Map<String, String> helpLinks() {
        return Map.of();
    }

    /**
     * Renders the values of one type as a Jupyter MIME bundle: MIME type to data, text types as strings, image
     * types base64-encoded, with {@code text/plain}. The function gets the MIME types the caller asked for
     * ({@code display(chart, "image/svg+xml")}; empty for the value's preferred ones) and may return null to
     * leave the value to the next renderer.
     *
     * @param <T> the type rendered
     */
    record Renderer<T>(Class<T> type, BiFunction<? super T, List<String>, ? extends Map<String, ?>> function) {

        public static <T> Renderer<T> of(
                Class<T> type, BiFunction<? super T, List<String>, ? extends Map<String, ?>> function) {
            return new Renderer<>(type, function);
        }

        /** The bundle for {@code value}, or null when it is not a {@code T} or the function declines it. */
        public Map<String, ?> render(Object value, List<String> requested) {
            return type.isInstance(value) ? function.apply(type.cast(value), requested) : null;
        }
    }
}
