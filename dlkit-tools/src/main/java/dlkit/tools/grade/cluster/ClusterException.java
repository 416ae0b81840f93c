package dlkit.tools.grade.cluster;

/** A problem with the input or the cluster, stated in one line with the fix; the command exits 2. */
final class ClusterException extends Exception {
    private static final long serialVersionUID = 1L;

    ClusterException(String message) {
        super(message);
    }
}
