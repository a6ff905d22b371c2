package io.jdask.distributed.client;

/**
 * A task's exception that could not be brought back as itself (its class does not serialize or is
 * unknown here): its type, message and the stack trace from the worker.
 */
public final class RemoteTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final String remoteStackTrace;

    /**
     * @param remoteType the exception's class name on the worker
     * @param message its message
     * @param remoteStackTrace its stack trace as text
     */
    public RemoteTaskException(String remoteType, String message, String remoteStackTrace) {
        super(remoteType + (message == null || message.isEmpty() ? "" : ": " + message));
        this.remoteType = remoteType;
        this.remoteStackTrace = remoteStackTrace;
    }

    /** @return the exception's class name on the worker */
    public String remoteType() {
        return remoteType;
    }

    /** @return the stack trace printed on the worker */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
