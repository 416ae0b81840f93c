package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PermutationsTest {

    @Test
    void isAPermutationAndTheSameSeedGivesTheSameOrder() {
        int[] p = Permutations.random(1000, new Random(7));
        assertArrayEquals(
                IntStream.range(0, 1000).toArray(), Arrays.stream(p).sorted().toArray());
        assertArrayEquals(p, Permutations.random(1000, new Random(7)));
        assertFalse(Arrays.equals(p, Permutations.random(1000, new Random(8))));
        assertFalse(Arrays.equals(p, IntStream.range(0, 1000).toArray()));
    }
}
