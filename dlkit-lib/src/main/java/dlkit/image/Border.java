package dlkit.image;

/**
 * How {@link Convolution} reads pixels outside the image, named and defined as in {@code scipy.ndimage}
 * (shown for a row {@code a b c d}).
 */
public enum Border {
    /** {@code d c b a | a b c d | d c b a}: mirror about the edge, edge pixel repeated (scipy's default). */
    REFLECT,
    /** {@code 0 0 0 0 | a b c d | 0 0 0 0}: zeros, what a padded conv layer sees. */
    CONSTANT,
    /** {@code a a a a | a b c d | d d d d}: the edge pixel repeated. */
    NEAREST,
    /** {@code d c b | a b c d | c b a}: mirror about the edge pixel's centre. */
    MIRROR,
    /** {@code a b c d | a b c d | a b c d}: periodic, the image on a torus. */
    WRAP;

    /** Index into a line of {@code n} pixels for position {@code i}, or -1 for "use zero". */
    int index(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (this) {
            case CONSTANT:
                return -1;
            case NEAREST:
                return i < 0 ? 0 : n - 1;
            case WRAP:
                return Math.floorMod(i, n);
            case MIRROR: {
                if (n == 1) {
                    return 0;
                }
                int p = Math.floorMod(i, 2 * n - 2);
                return p < n ? p : 2 * n - 2 - p;
            }
            case REFLECT:
            default: {
                int p = Math.floorMod(i, 2 * n);
                return p < n ? p : 2 * n - 1 - p;
            }
        }
    }
}
