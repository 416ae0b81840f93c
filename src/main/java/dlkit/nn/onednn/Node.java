package dlkit.nn.onednn;

/** One step of the compiled graph: a DL4J layer or vertex run on oneDNN primitives. */
interface Node {
    void forward();

    void backward();
}
