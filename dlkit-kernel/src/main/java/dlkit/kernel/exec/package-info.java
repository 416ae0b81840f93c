/**
 * Running cells: JShell executing in the kernel's own JVM on one execution thread, interrupts, {@code System.exit}
 * rewritten so that a cell cannot end the kernel, and the class checks of grading mode.
 */
package dlkit.kernel.exec;
