/**
 * Jupyter widgets from Java (ipywidgets 8, protocol 2.1): sliders, buttons, text, boxes, an output area and
 * {@code interact}, with {@link dlkit.widgets.Widgets} as the short names notebooks import statically.
 */
package dlkit.widgets;
