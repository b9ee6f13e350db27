package org.ebl4j.cli.run;

/**
 * A run configuration that breaks the schema of {@link RunConfig}: an unknown key, a missing one, a value of the
 * wrong kind or out of range. The message names the file and the key path (e.g. "training.batch_size"); commands
 * report it as a usage error (exit code 2).
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
