/**
 * The Jupyter wire protocol below the kernel: ROUTER channels (shell, control) and building reply messages.
 */
package dlkit.kernel.wire;
