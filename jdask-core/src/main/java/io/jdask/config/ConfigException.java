package io.jdask.config;

/**
 * Configuration could not be read: a malformed or unreadable YAML file, a {@code JDASK_CONFIG} that
 * names nothing, or conflicting built-in defaults. The message names the file and, for YAML syntax
 * errors, the line and column.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the file or variable involved
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the file or variable involved
     * @param cause the underlying parser or I/O error
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
