package io.jdask.scheduler;

import io.jdask.graph.Key;

/** A task threw: names its key; the cause is what the task threw. */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Key key;

    /**
     * @param key the failing task
     * @param cause what it threw
     */
    public TaskFailedException(Key key, Throwable cause) {
        super("task " + key + " failed: " + describe(cause), cause);
        this.key = key;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getName() + (m == null ? "" : ": " + m);
    }

    /** @return the key of the task that failed */
    public Key key() {
        return key;
    }
}
