package dlkit.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Output shapes and parameter counts (HW Q2, Q4a)")
class ShapesTest {

    @Test
    void conv3x3_pad1_stride1_keepsTheSize() {
        assertArrayEquals(new int[] {10, 64, 32, 32}, Shapes.convOutputShape(new int[] {10, 3, 32, 32}, 64, 3, 1, 1));
    }

    @Test
    void conv4x4_stride2_pad0_gives15() {
        // (32 - 4) / 2 + 1 = 15
        assertArrayEquals(new int[] {10, 64, 15, 15}, Shapes.convOutputShape(new int[] {10, 3, 32, 32}, 64, 4, 2, 0));
    }

    @Test
    void parameterCounts_includeBiases() {
        assertEquals(3 * 3 * 1 * 10, Shapes.convWeights(3, 1, 10));
        assertEquals(100, Shapes.convParams(3, 1, 10));
        assertEquals(910, Shapes.convParams(3, 10, 10));
        assertEquals(490 * 3 + 3, Shapes.fcParams(490, 3));
    }

    @Test
    void pooling_floorsOddSizes() {
        assertEquals(14, Shapes.poolOutput(28, 2, 2));
        assertEquals(3, Shapes.poolOutput(7, 2, 2));
    }

    @Test
    void tooLargeKernel_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> Shapes.convOutput(2, 5, 1, 1));
    }
}
