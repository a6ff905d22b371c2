package io.jdask.scheduler;

import java.util.concurrent.CancellationException;

/**
 * A computation stopped before it finished because the thread waiting for it was interrupted (or it
 * was cancelled otherwise). The interrupt status of the waiting thread is set again when this is
 * thrown.
 */
public class ComputeCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** @param message what was cancelled and why */
    public ComputeCancelledException(String message) {
        super(message);
    }
}
