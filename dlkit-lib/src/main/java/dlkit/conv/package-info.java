/**
 * Convolution arithmetic by hand for the HandDesignFilters and EdgeDetection homeworks: layer tables in the
 * homework's notation ({@link dlkit.conv.Architecture}), output shapes, receptive fields, 1-D/2-D and circular
 * convolutions, and the linear solves that recover a filter from its outputs.
 */
package dlkit.conv;
