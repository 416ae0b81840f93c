package dlkit.edges;

import dlkit.nn.History;
import dlkit.nn.Trainer;
import dlkit.nn.Updaters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The homework's training helpers: {@code train_one_epoch}, {@code evaluate} and {@code train_model}, for the
 * DL4J networks of {@link EdgeModels} and the batches of an {@link EdgeLoader}.
 *
 * <pre>{@code
 * History h = EdgeTraining.trainModel(cnn, new SgdMomentum(1e-2, 0.9), 30, trainLoader, validLoader);
 * h.finalValAccuracy();  h.confusionMatrix();
 * EdgeEvaluation e = EdgeTraining.evaluate(mlp, trainLoader);   // accuracy on the training images
 * }</pre>
 *
 * Losses are computed as in the original: the loss of an epoch is the sum of the batch-mean cross-entropies
 * divided by the number of images (not batches), so it is about 1/batchSize of the mean per-image loss.
 * Accuracies are percentages. Each call of {@code train}/{@code trainModel} starts a fresh optimizer (like
 * creating {@code optim.SGD(...)} before the loop) and shows a progress bar; the loop is the {@link Trainer}'s,
 * and the history also holds every step's batch-mean loss.
 */
public final class EdgeTraining {

    private EdgeTraining() {}

    /**
     * {@code train_one_epoch} with DL4J's {@code fit} and the optimizer configured in the network: one pass over the
     * loader; returns {loss, accuracy %} as the original computes them. (The accuracy needs a separate forward pass
     * here; {@link #trainModel} avoids both costs through {@link EdgeFastPath} for the homework's networks.)
     */
    public static double[] trainOneEpoch(MultiLayerNetwork net, EdgeLoader loader) {
        History h = Trainer.builder()
                .epochs(1)
                .progress(false)
                .build()
                .run(loader.loader(), new EpochHooks(net, null, loader, null));
        return new double[] {h.trainLoss()[0], h.trainAccuracy()[0]};
    }

    /** {@code evaluate}: loss, accuracy (%) and confusion matrix in evaluation mode, batch by batch. */
    public static EdgeEvaluation evaluate(MultiLayerNetwork net, EdgeLoader loader) {
        return evaluate(net, loader, true);
    }

    /** {@link #evaluate}, through {@link EdgeFastPath} when allowed and it accepts the network, else DL4J's output. */
    static EdgeEvaluation evaluate(MultiLayerNetwork net, EdgeLoader loader, boolean allowFastPath) {
        EdgeFastPath fast = allowFastPath ? EdgeFastPath.tryCreate(net, null) : null;
        if (fast != null) {
            return fast.evaluate(loader);
        }
        int c = loader.numClasses();
        int[][] confusion = new int[c][c];
        double lossSum = 0;
        long correct = 0;
        for (int[] idx : loader.batchIndices()) {
            INDArray p = net.output(loader.features(idx), false).castTo(DataType.DOUBLE);
            double[][] probs = p.toDoubleMatrix();
            int[] y = loader.labels(idx);
            double batchLoss = 0;
            for (int k = 0; k < y.length; k++) {
                int pred = argMax(probs[k]);
                confusion[y[k]][pred]++;
                if (pred == y[k]) {
                    correct++;
                }
                batchLoss -= Math.log(Math.max(probs[k][y[k]], 1e-12));
            }
            lossSum += batchLoss / y.length;
        }
        return new EdgeEvaluation(lossSum / loader.size(), 100.0 * correct / loader.size(), confusion);
    }

    /** Trains for {@code numEpochs} without validation (the Q1/Q2 loops); the history has training numbers only. */
    public static History train(MultiLayerNetwork net, IUpdater optimizer, int numEpochs, EdgeLoader trainLoader) {
        return trainModel(net, optimizer, numEpochs, trainLoader, null, "training");
    }

    /** {@code train_model}: trains and evaluates on {@code validLoader} after every epoch. */
    public static History trainModel(
            MultiLayerNetwork net, IUpdater optimizer, int numEpochs, EdgeLoader trainLoader, EdgeLoader validLoader) {
        return trainModel(net, optimizer, numEpochs, trainLoader, validLoader, "training");
    }

    /** {@link #trainModel} with a label for the progress bar (null: no progress bar). */
    public static History trainModel(
            MultiLayerNetwork net,
            IUpdater optimizer,
            int numEpochs,
            EdgeLoader trainLoader,
            EdgeLoader validLoader,
            String label) {
        return trainModel(net, optimizer, numEpochs, trainLoader, validLoader, label, true);
    }

    /**
     * The training loop. With {@code allowFastPath} (always, from the public methods) the network trains through
     * {@link EdgeFastPath} when it accepts the network and optimizer, and its parameters are written back after
     * every epoch; otherwise, and for other networks, through DL4J's {@code fit}.
     */
    static History trainModel(
            MultiLayerNetwork net,
            IUpdater optimizer,
            int numEpochs,
            EdgeLoader trainLoader,
            EdgeLoader validLoader,
            String label,
            boolean allowFastPath) {
        Updaters.set(net, optimizer);
        EdgeFastPath fast = allowFastPath ? EdgeFastPath.tryCreate(net, optimizer) : null;
        return Trainer.builder()
                .epochs(numEpochs)
                .progress(label != null)
                .label(label == null ? "" : label)
                .build()
                .run(trainLoader.loader(), new EpochHooks(net, fast, trainLoader, validLoader));
    }

    /**
     * The homework's epoch for the {@link Trainer}'s loop: steps through {@link EdgeFastPath} (null: DL4J's
     * {@code fit} plus a forward pass for the accuracy); after each epoch the original's loss (sum of batch means
     * over the number of images) and accuracy, the validation numbers, and the fast path's parameters written back.
     */
    private static final class EpochHooks implements Trainer.Hooks {
        private final MultiLayerNetwork net;
        private final EdgeFastPath fast;
        private final EdgeLoader train;
        private final EdgeLoader valid;
        private double lossSum;
        private long correct;

        EpochHooks(MultiLayerNetwork net, EdgeFastPath fast, EdgeLoader train, EdgeLoader valid) {
            this.net = net;
            this.fast = fast;
            this.train = train;
            this.valid = valid;
        }

        @Override
        public double step(int epoch, int batch, int[] rows) {
            double loss;
            if (fast != null) {
                double[] r = fast.step(train.pixels(rows), train.labels(rows));
                loss = r[0];
                correct += (long) r[1];
            } else {
                INDArray x = train.features(rows);
                correct += countCorrect(net.output(x, false), train.labels(rows));
                net.fit(x, train.oneHot(rows));
                loss = net.score();
            }
            lossSum += loss;
            return loss;
        }

        @Override
        public Trainer.Epoch endEpoch(int epoch) {
            double trainLoss = lossSum / train.size();
            double trainAcc = 100.0 * correct / train.size();
            lossSum = 0;
            correct = 0;
            EdgeEvaluation v = valid == null ? null : fast != null ? fast.evaluate(valid) : evaluate(net, valid, false);
            if (fast != null) {
                fast.writeBack(); // the network is up to date after every epoch (and if a cell is interrupted)
            }
            return v == null
                    ? new Trainer.Epoch(trainLoss, trainAcc, null, null, null)
                    : new Trainer.Epoch(trainLoss, trainAcc, v.loss(), v.accuracy(), v.confusion());
        }
    }

    private static long countCorrect(INDArray out, int[] y) {
        double[][] p = out.castTo(DataType.DOUBLE).toDoubleMatrix();
        long correct = 0;
        for (int k = 0; k < y.length; k++) {
            if (argMax(p[k]) == y[k]) {
                correct++;
            }
        }
        return correct;
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
