/**
 * Jupyter comms on the kernel side (comm_open/msg/close, comm_info), behind the library's
 * {@link dlkit.display.Comms}: what ipywidgets talk to.
 */
package dlkit.kernel.comm;
