/**
 * Notebook plots in one line on XChart (line, bar, histogram, heat map, image grids) and {@link dlkit.plot.Figure}s
 * that put charts and images side by side; rendered as HiDPI PNG (SVG on request).
 */
package dlkit.plot;
