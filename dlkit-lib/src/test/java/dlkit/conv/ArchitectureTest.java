package dlkit.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

@DisplayName("The CONV3-10 / POOL2 / FLATTEN / FC-3 table (HW Q2e)")
class ArchitectureTest {

    private static final Architecture NET =
            Architecture.of(28, 28, 1, "CONV3-10", "POOL2", "CONV3-10", "POOL2", "FLATTEN", "FC-3");

    @Test
    void table_matchesTheHandFilledAnswers() {
        long[] params = {0, 3 * 3 * 1 * 10 + 10, 0, 3 * 3 * 10 * 10 + 10, 0, 0, 490 * 3 + 3};
        String[] dims = {"28 × 28 × 1", "28 × 28 × 10", "14 × 14 × 10", "14 × 14 × 10", "7 × 7 × 10", "490", "3"};
        for (int i = 0; i < params.length; i++) {
            assertEquals(params[i], NET.row(i).params(), NET.row(i).layer());
            assertEquals(dims[i], NET.row(i).dims(), NET.row(i).layer());
        }
        assertEquals(100 + 910 + 1473, NET.totalParams());
        assertEquals("3 × 3 × 10 × 10 + 10", NET.row(3).paramsFormula());
    }

    @Test
    void dl4jModel_hasTheSameParameterCountsAndShapes() {
        MultiLayerNetwork net = NET.toDl4j();
        assertEquals(5, net.getnLayers(), "FLATTEN is a preprocessor in DL4J, not a layer");
        assertEquals(NET.totalParams(), net.numParams());
        assertEquals(100, net.getLayer(0).numParams());
        assertEquals(910, net.getLayer(2).numParams());
        assertEquals(1473, net.getLayer(4).numParams());
        Table t = NET.compareWithDl4j();
        assertEquals("[1, 10, 7, 7]", t.stringColumn("DL4J activations").get(4));
        assertEquals("[1, 3]", t.stringColumn("DL4J activations").get(6));
        assertEquals(
                String.valueOf(NET.totalParams()),
                t.stringColumn("DL4J numParams").get(7));
    }

    @Test
    void unknownLayer_isNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Architecture.of(28, 28, 1, "CONV3-10", "DROPOUT"));
        assertEquals("unknown layer 'DROPOUT': use CONVk-F, POOLk, FLATTEN or FC-K", e.getMessage());
        assertArrayEquals(
                new int[] {3},
                Architecture.of(4, 4, 1, "FLATTEN", "FC-3").row(2).shape());
    }
}
