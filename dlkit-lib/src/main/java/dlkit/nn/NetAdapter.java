package dlkit.nn;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What the {@link Trainer} needs from a DL4J network, for both {@link MultiLayerNetwork} and {@link ComputationGraph}:
 * its {@link TrainStep} (DL4J's {@code fit}, or a plain-Java fast path such as {@link LinearFastPath}) and evaluation.
 */
abstract class NetAdapter implements TrainStep {

    static NetAdapter of(Model model) {
        if (model instanceof MultiLayerNetwork mln) {
            return new Mln(mln);
        }
        if (model instanceof ComputationGraph cg) {
            return new Graph(cg);
        }
        throw new IllegalArgumentException("the Trainer trains a MultiLayerNetwork or a ComputationGraph, not "
                + (model == null ? "null" : model.getClass().getName()));
    }

    /** The layers of a {@link MultiLayerNetwork} or {@link ComputationGraph}, in order. */
    static org.deeplearning4j.nn.api.Layer[] layers(Model net) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.getLayers();
        }
        if (net instanceof ComputationGraph cg) {
            return cg.getLayers();
        }
        throw new IllegalArgumentException("not a MultiLayerNetwork or ComputationGraph: " + net);
    }

    /** One optimisation step on this batch; returns its loss ({@link #score}). */
    @Override
    public final double fit(INDArray x, INDArray y) {
        step(x, y);
        return score();
    }

    /** One optimisation step on this batch. */
    abstract void step(INDArray x, INDArray y);

    /** The loss of the last {@link #fit} (computed on its forward pass, before the update). */
    abstract double score();

    /** Output in evaluation mode (no dropout). */
    abstract INDArray output(INDArray x);

    /** Loss in evaluation mode, averaged over the batch. */
    abstract double evalLoss(INDArray x, INDArray y);

    /** A fresh optimizer: every trainable layer gets {@code updater}, state and step count start at zero. */
    abstract void resetOptimizer(IUpdater updater);

    /** Sets the learning rate of every layer's optimizer (keeping its state, e.g. momentum). */
    void setLearningRate(double lr) {
        throw new UnsupportedOperationException("this network cannot change its learning rate while training");
    }

    /** Called once after the last step (a fast path writes its parameters back here). */
    void finish() {}

    static void setUpdater(List<org.deeplearning4j.nn.conf.layers.Layer> layers, IUpdater updater) {
        for (org.deeplearning4j.nn.conf.layers.Layer l : layers) {
            if (l instanceof BaseLayer base) {
                base.setIUpdater(updater.clone());
                base.setBiasUpdater(null);
            }
        }
    }

    private static final class Mln extends NetAdapter {
        private final MultiLayerNetwork net;

        Mln(MultiLayerNetwork net) {
            this.net = net;
        }

        @Override
        void step(INDArray x, INDArray y) {
            net.fit(x, y);
        }

        @Override
        double score() {
            return net.score();
        }

        @Override
        INDArray output(INDArray x) {
            return net.output(x, false);
        }

        @Override
        double evalLoss(INDArray x, INDArray y) {
            return net.score(new org.nd4j.linalg.dataset.DataSet(x, y), false);
        }

        @Override
        void setLearningRate(double lr) {
            net.setLearningRate(lr);
        }

        @Override
        void resetOptimizer(IUpdater updater) {
            setUpdater(layerConfs(net.getLayers()), updater);
            net.getLayerWiseConfigurations().setIterationCount(0);
            net.getLayerWiseConfigurations().setEpochCount(0);
            net.setUpdater(null);
        }
    }

    /** The configuration of each layer, where a fresh updater is set. */
    static List<org.deeplearning4j.nn.conf.layers.Layer> layerConfs(org.deeplearning4j.nn.api.Layer[] layers) {
        List<org.deeplearning4j.nn.conf.layers.Layer> confs = new java.util.ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer l : layers) {
            confs.add(l.conf().getLayer());
        }
        return confs;
    }

    private static final class Graph extends NetAdapter {
        private final ComputationGraph net;

        Graph(ComputationGraph net) {
            this.net = net;
        }

        @Override
        void step(INDArray x, INDArray y) {
            net.fit(new INDArray[] {x}, new INDArray[] {y});
        }

        @Override
        double score() {
            return net.score();
        }

        @Override
        INDArray output(INDArray x) {
            return net.outputSingle(false, x);
        }

        @Override
        double evalLoss(INDArray x, INDArray y) {
            return net.score(new org.nd4j.linalg.dataset.DataSet(x, y), false);
        }

        @Override
        void setLearningRate(double lr) {
            net.setLearningRate(lr);
        }

        @Override
        void resetOptimizer(IUpdater updater) {
            setUpdater(layerConfs(net.getLayers()), updater);
            net.getConfiguration().setIterationCount(0);
            net.getConfiguration().setEpochCount(0);
            net.setUpdater(null);
        }
    }
}
