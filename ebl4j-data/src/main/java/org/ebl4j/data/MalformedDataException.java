package org.ebl4j.data;

/**
 * Bytes that do not follow the format a reader expects: a wrong magic number, a truncated file, a shape that does not
 * match the data, text that is not UTF-8, a cell that is not a number. The message is {@code "source: problem"},
 * where the source is the file (or stream) read, so a user can find and fix it.
 *
 * <p>It is an {@link IllegalArgumentException} (the input was bad, as for any other argument) and never wraps an
 * I/O failure: a file that cannot be opened or read throws {@link java.io.IOException} instead.
 */
public final class MalformedDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    public MalformedDataException(String source, String problem) {
        this(source, problem, null);
    }

    public MalformedDataException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file or stream that was read. */
    public String source() {
        return source;
    }

    /** What is wrong with it, without the source. */
    public String problem() {
        return problem;
    }
}
