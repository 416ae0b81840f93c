package dlkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** {@link SoftmaxCrossEntropy} against DL4J's softmax + {@code LossMCXENT}: score, gradient, predictions. */
class SoftmaxCrossEntropyTest {

    @Test
    void matchesDl4jsScoreAndGradient() {
        int n = 6;
        int classes = 4;
        Random rng = new Random(3);
        float[] logits = new float[n * classes];
        int[] labels = new int[n];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (3 * rng.nextGaussian());
        }
        float[] oneHot = new float[n * classes];
        for (int r = 0; r < n; r++) {
            labels[r] = rng.nextInt(classes);
            oneHot[r * classes + labels[r]] = 1f;
        }
        float[] grad = new float[n * classes];
        int[] predicted = new int[n];
        double loss = SoftmaxCrossEntropy.lossAndGradient(logits, labels, n, classes, grad, predicted);

        INDArray z = Nd4j.create(logits, new long[] {n, classes}, 'c').castTo(DataType.DOUBLE);
        INDArray y = Nd4j.create(oneHot, new long[] {n, classes}, 'c').castTo(DataType.DOUBLE);
        LossMCXENT mcxent = new LossMCXENT();
        assertEquals(mcxent.computeScore(y, z.dup(), new ActivationSoftmax(), null, true), loss, 1e-9);
        // DL4J's gradient per example; fit divides it by the minibatch size, as lossAndGradient does
        INDArray dl4j = mcxent.computeGradient(y, z.dup(), new ActivationSoftmax(), null)
                .div(n);
        assertArrayEquals(dl4j.castTo(DataType.FLOAT).data().asFloat(), grad, 1e-7f);
        assertArrayEquals(z.argMax(1).toIntVector(), predicted);

        double[] p = SoftmaxCrossEntropy.softmax(logits, 2, classes);
        assertArrayEquals(Nd4j.nn().softmax(z, 1).getRow(2).toDoubleVector(), p, 1e-12);
    }

    @Test
    void softTargetsAndAnotherDivisor() {
        float[] logits = {0f, 1f, 2f};
        float[] targets = {0.25f, 0f, 0.75f};
        float[] grad = new float[3];
        double loss = SoftmaxCrossEntropy.lossAndGradient(logits, targets, 1, 3, 1, grad, null);
        double[] p = SoftmaxCrossEntropy.softmax(logits, 0, 3);
        assertEquals(-(0.25 * Math.log(p[0]) + 0.75 * Math.log(p[2])), loss, 1e-12);
        assertArrayEquals(new float[] {(float) (p[0] - 0.25), (float) p[1], (float) (p[2] - 0.75)}, grad);
    }
}
