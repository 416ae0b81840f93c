package dlkit.grade.cluster;

/** A problem with the input or the cluster, stated in one line with the fix; the command exits 2. */
final class ClusterException extends Exception {
    ClusterException(String message) {
        super(message);
    }
}
