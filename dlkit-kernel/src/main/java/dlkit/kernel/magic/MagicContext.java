package dlkit.kernel.magic;

import java.util.List;

/** What a magic may do to the kernel: run Java, grow the class path, show things. */
public interface MagicContext {

    /** Evaluates Java source as if it were a cell; returns the last expression's value or null. */
    Object evalJava(String code) throws Exception;

    /** Adds jars or class folders (after checking for duplicates); returns what was actually added. */
    List<String> addToClasspath(List<java.nio.file.Path> paths) throws MagicException;

    /** Shows a value in the cell's output. */
    void display(Object value);
}
