/**
 * What the DLKit library tells the kernel, as a {@link dlkit.display.KernelExtension} registered for
 * {@link java.util.ServiceLoader}: {@link dlkit.notebook.DlkitExtension} (imports, backend notice and banner line,
 * ND4J warm-up) and the renderers of XChart charts, Tablesaw tables and ND4J arrays.
 */
package dlkit.notebook;
