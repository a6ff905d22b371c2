package io.jdask.distributed.scheduler.state;

/** A transition that the table does not allow, or an invariant that does not hold; the message tells the task's story. */
public final class InvalidTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, with the story
     */
    public InvalidTransitionException(String message) {
        super(message);
    }
}
