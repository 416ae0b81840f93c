package dlkit.nn;

import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeds ND4J's random generator so that a run repeats exactly (on the CPU backend).
 *
 * <p>Two pitfalls of ND4J 1.0.0-M2.1 that this class hides:
 * <ul>
 *   <li>{@code Nd4j.getRandom().setSeed(0)} does not mean seed 0: the native generator treats 0 as "no seed" and
 *       takes the current time, so a network configured with {@code .seed(0)} gets other weights every run;</li>
 *   <li>{@code setSeed(s)} sets the generator's root state only; the node state, which random ops advance, is kept,
 *       so the same seed twice in one JVM may give other numbers.</li>
 * </ul>
 * {@link #set(long)} sets both states from the seed; {@link #forConfig(long)} turns any seed (0 included) into a
 * non-zero value for DL4J's {@code NeuralNetConfiguration.Builder.seed(...)}.
 */
public final class Seeds {

    private Seeds() {}

    /** Resets ND4J's generator to the start of the stream for {@code seed} (any value, 0 included). */
    public static void set(long seed) {
        Random r = Nd4j.getRandom();
        long root = forConfig(seed);
        r.setSeed(root);
        r.setStates(root, forConfig(root));
    }

    /** A well-mixed, never-zero value for a DL4J configuration seed (SplitMix64's finaliser). */
    public static long forConfig(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z == 0 ? 1 : z;
    }
}
