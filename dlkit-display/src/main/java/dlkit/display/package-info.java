/**
 * The seam between the library and the Jupyter kernel, used by both and depending on neither: {@code display(...)}
 * and its {@link dlkit.display.Display} (console or kernel), HTML/Markdown/LaTeX values, PNG encoding, comms, and
 * {@link dlkit.display.KernelExtension}, through which a library tells the kernel its imports, renderers, warm-up
 * and notice. Depends on the JDK only (LayeringTest).
 */
package dlkit.display;
