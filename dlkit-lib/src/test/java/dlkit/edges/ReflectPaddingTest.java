package dlkit.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReflectPaddingTest {

    private static INDArray image(float[][] rows) {
        return Nd4j.create(rows).castTo(DataType.FLOAT).reshape(1, 1, rows.length, rows[0].length);
    }

    @Test
    void padsLikeTorchReflectMode() {
        // torch.nn.functional.pad(x, (1, 1, 1, 1), mode='reflect') for x = [[1,2,3],[4,5,6],[7,8,9]]
        INDArray x = image(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        INDArray p = ReflectPadding.pad(x, 1);
        assertArrayEquals(new long[] {1, 1, 5, 5}, p.shape());
        float[][] expected = {
            {5, 4, 5, 6, 5},
            {2, 1, 2, 3, 2},
            {5, 4, 5, 6, 5},
            {8, 7, 8, 9, 8},
            {5, 4, 5, 6, 5},
        };
        for (int r = 0; r < 5; r++) {
            assertArrayEquals(
                    expected[r],
                    p.get(
                                    org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                                    org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                                    org.nd4j.linalg.indexing.NDArrayIndex.point(r))
                            .toFloatVector(),
                    0f);
        }
    }

    @Test
    void padsTwoPixelsOfARowWithoutRepeatingTheEdge() {
        // one row [a b c d e] padded by 2 reads c b | a b c d e | d c
        INDArray x = image(new float[][] {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11, 12, 13, 14, 15}});
        INDArray p = ReflectPadding.pad(x, 2);
        float[] middle = p.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(2))
                .toFloatVector();
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 4, 5, 4, 3}, middle, 0f);
        float[] top = p.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                .toFloatVector();
        assertArrayEquals(new float[] {13, 12, 11, 12, 13, 14, 15, 14, 13}, top, 0f);
    }

    @Test
    void backwardAddsEachPaddedGradientOntoItsSource() {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 1, 5, 5);
        INDArray g = ReflectPadding.unpad(ones, 1);
        // 3x3 input padded by 1: padded rows read rows 1,0,1,2,1, so row 1 is read 3 times (columns alike)
        float[][] expected = {{1, 3, 1}, {3, 9, 3}, {1, 3, 1}};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[r][c], g.getFloat(0, 0, r, c), 0f);
            }
        }
        // adjoint: <pad(x), y> == <x, unpad(y)>
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 7);
        INDArray y = Nd4j.rand(DataType.FLOAT, 2, 3, 12, 13);
        double lhs = ReflectPadding.pad(x, 3).mul(y).sumNumber().doubleValue();
        double rhs = x.mul(ReflectPadding.unpad(y, 3)).sumNumber().doubleValue();
        assertEquals(lhs, rhs, 1e-3);
    }

    @Test
    void outputTypeGrowsByTwicePadAndTooSmallInputsAreRejected() {
        InputType t = new ReflectPadding(3).getOutputType(InputType.convolutional(14, 14, 3));
        assertEquals(InputType.convolutional(20, 20, 3), t);
        assertThrows(IllegalArgumentException.class, () -> ReflectPadding.pad(Nd4j.zeros(1, 1, 3, 3), 3));
    }

    @Test
    void theCnnUsesReflectPaddingNotZeros() {
        var net = EdgeModels.simpleCnn(7, 3, 0);
        assertEquals(new ReflectPadding(3), net.getLayerWiseConfigurations().getInputPreProcess(0));
        assertEquals(new ReflectPadding(3), net.getLayerWiseConfigurations().getInputPreProcess(EdgeModels.CONV2));
    }
}
