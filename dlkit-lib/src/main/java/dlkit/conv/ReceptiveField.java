package dlkit.conv;

/**
 * Receptive fields of stacked layers: how many input pixels (along one side) affect one output pixel.
 * Each layer adds {@code (kernel − 1) · dilation} times the product of the strides below it:
 * {@code r = 1 + Σ_l (k_l − 1) · d_l · Π_{j<l} s_j}.
 *
 * <pre>{@code
 * ReceptiveField.stacked(3, 3)                                   // 7 = L·(K − 1) + 1
 * ReceptiveField.of(new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 2})   // 7: 3×3 d=1 then 3×3 d=2
 * }</pre>
 */
public final class ReceptiveField {

    private ReceptiveField() {}

    /** {@code layers} stacked {@code kernel × kernel} convolutions with stride 1: L·(K − 1) + 1. */
    public static int stacked(int layers, int kernel) {
        int[] k = new int[layers];
        int[] one = new int[layers];
        java.util.Arrays.fill(k, kernel);
        java.util.Arrays.fill(one, 1);
        return of(k, one, one);
    }

    /** Stride-1 layers with the given kernel sizes and dilations. */
    public static int dilated(int[] kernels, int[] dilations) {
        int[] one = new int[kernels.length];
        java.util.Arrays.fill(one, 1);
        return of(kernels, one, dilations);
    }

    /** The general formula, bottom layer first. */
    public static int of(int[] kernels, int[] strides, int[] dilations) {
        if (kernels.length != strides.length || kernels.length != dilations.length) {
            throw new IllegalArgumentException("need one stride and one dilation per kernel");
        }
        long r = 1;
        long jump = 1;
        for (int l = 0; l < kernels.length; l++) {
            if (kernels[l] < 1 || strides[l] < 1 || dilations[l] < 1) {
                throw new IllegalArgumentException("layer " + l + ": kernel, stride and dilation must be >= 1");
            }
            r += (long) (kernels[l] - 1) * dilations[l] * jump;
            jump *= strides[l];
        }
        return Math.toIntExact(r);
    }

    /** The effective size of a dilated kernel: (k − 1)·d + 1. */
    public static int effectiveKernel(int kernel, int dilation) {
        return (kernel - 1) * dilation + 1;
    }
}
