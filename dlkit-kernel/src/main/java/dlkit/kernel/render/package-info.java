/**
 * Turning values into MIME bundles: the renderer registry ({@link dlkit.kernel.render.MimeRenderer}, which tries
 * the extensions' renderers before its own fallbacks for images, strings and Java arrays) and the kernel's
 * {@link dlkit.display.Display}.
 */
package dlkit.kernel.render;
