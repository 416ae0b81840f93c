package dlkit.image;

/** RGB to gray with the ITU-R 601 luma weights the original notebook uses. */
public final class Grayscale {

    public static final double RED = 0.2989;
    public static final double GREEN = 0.5870;
    public static final double BLUE = 0.1140;

    private Grayscale() {}

    /** {@code 0.2989 R + 0.5870 G + 0.1140 B} per pixel of a {@code [3][H][W]} array. */
    public static double[][] rgb2gray(double[][][] rgb) {
        if (rgb.length != 3) {
            throw new IllegalArgumentException("rgb2gray needs [3][H][W], got " + rgb.length + " channels");
        }
        int h = rgb[0].length;
        int w = rgb[0][0].length;
        double[][] g = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                g[y][x] = RED * rgb[0][y][x] + GREEN * rgb[1][y][x] + BLUE * rgb[2][y][x];
            }
        }
        return g;
    }
}
