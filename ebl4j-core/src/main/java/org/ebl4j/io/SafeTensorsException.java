package org.ebl4j.io;

import java.io.IOException;
import java.nio.file.Path;

/** An unreadable safetensors file or checkpoint; the message is "{@code <file>: <problem>}". */
public final class SafeTensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public SafeTensorsException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public SafeTensorsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
