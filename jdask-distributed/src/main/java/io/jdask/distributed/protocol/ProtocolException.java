package io.jdask.distributed.protocol;

/** Bytes that are not a valid message: a corrupt or hostile peer, or a bug. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, where
     */
    public ProtocolException(String message) {
        super(message);
    }
}
