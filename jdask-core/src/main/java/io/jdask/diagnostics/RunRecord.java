package io.jdask.diagnostics;

/**
 * One run as a {@link Profiler} recorded it.
 *
 * @param id the run's {@link RunInfo#id()}
 * @param scheduler the scheduler's name
 * @param taskCount the number of nodes in its graph
 * @param durationNanos from the run's start to its end
 * @param error a one-line description of why it failed, or {@code null} if it succeeded
 */
public record RunRecord(long id, String scheduler, int taskCount, long durationNanos, String error) {
    /** @return whether the run failed */
    public boolean failed() {
        return error != null;
    }
}
