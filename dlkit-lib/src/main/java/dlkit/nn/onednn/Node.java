package dlkit.nn.onednn;

/** One step of the compiled graph: a DL4J layer or vertex run on oneDNN primitives. */
abstract class Node {
    /** The activation this node computes (set by the subclass's constructor). */
    Tensor y;

    Tensor output() {
        return y;
    }

    abstract void forward();

    abstract void backward();
}
