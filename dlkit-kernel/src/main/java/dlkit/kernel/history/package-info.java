/**
 * The session's input (and output) history, answering history_request.
 */
package dlkit.kernel.history;
