package dlkit.backend;

/** The ND4J backend DLKit runs on. */
public enum Backend {
    CPU,
    CUDA
}
