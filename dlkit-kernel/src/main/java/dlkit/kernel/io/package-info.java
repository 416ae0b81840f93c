/**
 * The kernel's streams: stdout/stderr captured per cell and published in order, stdin through input_request,
 * and the IOPub publisher.
 */
package dlkit.kernel.io;
