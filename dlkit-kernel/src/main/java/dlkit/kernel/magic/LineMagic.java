package dlkit.kernel.magic;

/** {@code %name args}: one line. Returns a value to show, or null. */
@FunctionalInterface
public interface LineMagic {
    Object run(String args, MagicContext ctx) throws Exception;
}
