package dlkit.data;

import java.io.IOException;
import java.nio.file.Path;

/** A downloaded or cached file whose MD5 is not the expected one (a broken or wrong download). */
public final class ChecksumException extends IOException {
    private static final long serialVersionUID = 1L;

    public ChecksumException(Path file, String expected, String actual) {
        super("checksum mismatch for " + file + ": MD5 is " + actual + " but should be " + expected
                + " — the file is incomplete or not the expected one; delete it and download again");
    }
}
