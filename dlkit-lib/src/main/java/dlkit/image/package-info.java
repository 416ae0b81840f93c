/**
 * Images for the filter homeworks: loading photos (file, URL, bundled sample), grayscale, hand-written
 * convolutions and kernels, borders, finite differences, and showing the results inline.
 */
package dlkit.image;
