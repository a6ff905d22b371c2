package io.jdask.distributed.comm;

import java.io.IOException;

/**
 * A peer refused the connection, or this side refused the peer: incompatible versions, a wrong or
 * missing token, a TLS failure. The message says which.
 */
public final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why
     */
    public RefusedException(String message) {
        super(message);
    }
}
