package io.jdask.distributed.protocol;

import java.util.Objects;

/**
 * A task's failure as it travels: readable text for the scheduler and dashboards, and the
 * serialized exception as opaque bytes for the client to rethrow.
 *
 * @param exceptionType the exception's class name
 * @param message its message
 * @param stackTrace its stack trace as text
 * @param exception the serialized exception, or {@link Payload#EMPTY}
 */
public record ErrorInfo(String exceptionType, String message, String stackTrace, Payload exception) {
    /** The exception type of the error a task gets when it was running on too many workers that died. */
    public static final String KILLED_WORKER = "io.jdask.distributed.KilledWorker";

    /** Checks the fields. */
    public ErrorInfo {
        Objects.requireNonNull(exceptionType, "exceptionType");
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? "" : stackTrace;
        Objects.requireNonNull(exception, "exception");
    }

    /**
     * @param exceptionType the class name
     * @param message the message
     * @return an error without stack trace or serialized exception
     */
    public static ErrorInfo of(String exceptionType, String message) {
        return new ErrorInfo(exceptionType, message, "", Payload.EMPTY);
    }
}
