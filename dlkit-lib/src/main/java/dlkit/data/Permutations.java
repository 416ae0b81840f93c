package dlkit.data;

import java.util.Random;

/**
 * Seeded random orders for shuffling: one Fisher–Yates implementation for the loaders, trainers and generators,
 * so the same seed gives the same order everywhere.
 *
 * <pre>{@code
 * int[] order = Permutations.random(n, new Random(seed));
 * }</pre>
 */
public final class Permutations {

    private Permutations() {}

    /** A uniformly random permutation of 0 … n−1 drawn from {@code rng} (Fisher–Yates, from the end). */
    public static int[] random(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
