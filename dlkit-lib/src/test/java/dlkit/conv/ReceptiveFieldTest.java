package dlkit.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Receptive fields (HW Q2c, Q2d, Q4d-ii)")
class ReceptiveFieldTest {

    @Test
    void stackedConvs_growByKMinus1PerLayer() {
        assertEquals(1, ReceptiveField.stacked(0, 3));
        assertEquals(3, ReceptiveField.stacked(1, 3));
        assertEquals(7, ReceptiveField.stacked(3, 3));
        assertEquals(4 * (5 - 1) + 1, ReceptiveField.stacked(4, 5));
    }

    @Test
    void dilatedStack_3x3d1_then_3x3d2_sees7() {
        assertEquals(7, ReceptiveField.dilated(new int[] {3, 3}, new int[] {1, 2}));
        assertEquals(5, ReceptiveField.effectiveKernel(3, 2));
    }

    @Test
    void poolingWithStride2_doublesLaterGrowth() {
        // conv3 -> pool2/2 -> conv3: 1 + 2 + 1 + 2*2 = 8
        assertEquals(8, ReceptiveField.of(new int[] {3, 2, 3}, new int[] {1, 2, 1}, new int[] {1, 1, 1}));
    }
}
