/**
 * The Jupyter kernel (protocol 5.3 over ZeroMQ, JShell in-process): {@link dlkit.kernel.Main} starts it,
 * {@link dlkit.kernel.JavaKernel} answers the requests. It knows no deep learning: the library reaches it through
 * {@link dlkit.display.KernelExtension}, loaded here by {@code Extensions} (see ARCHITECTURE.md).
 */
package dlkit.kernel;
