/**
 * {@code ./dlkit run}: injecting {@code -p} parameters into a notebook and executing it headlessly with the DLKit
 * kernel into an executed notebook and its HTML.
 */
package dlkit.run;
