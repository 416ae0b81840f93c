package dlkit.kernel.magic;

/** {@code %%name args} as a cell's first line; the rest of the cell is the body. */
@FunctionalInterface
public interface CellMagic {
    Object run(String args, String body, MagicContext ctx) throws Exception;
}
