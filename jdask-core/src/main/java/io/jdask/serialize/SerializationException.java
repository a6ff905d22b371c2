package io.jdask.serialize;

/**
 * A value could not be serialized or deserialized: it is not serializable, its bytes are
 * truncated or corrupt, or its type is unknown here. The message says which.
 */
public class SerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public SerializationException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying error
     */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
