package io.jdask.distributed.scheduler.state;

/**
 * The scheduler's policy settings.
 *
 * @param saturation root tasks are sent to a worker only while it processes fewer than {@code
 *     ceil(nthreads * saturation)} tasks; {@code Double.POSITIVE_INFINITY} disables queuing
 * @param bandwidth the assumed bytes per second between workers
 * @param unknownDurationNanos the expected duration of a task whose prefix has no statistics yet
 * @param allowedFailures a task errs with a killed-worker error once this many workers died while
 *     processing it
 * @param heartbeatTimeoutNanos a worker silent this long is removed at the next tick
 * @param workStealing whether idle workers steal at each tick
 * @param validate whether invariants are checked after every event (for tests)
 * @param storyLimit how many transitions (of all tasks together) the story log keeps
 */
public record SchedulerConfig(
        double saturation,
        double bandwidth,
        long unknownDurationNanos,
        int allowedFailures,
        long heartbeatTimeoutNanos,
        boolean workStealing,
        boolean validate,
        int storyLimit) {

    /** Checks the values. */
    public SchedulerConfig {
        if (!(saturation > 0)) {
            throw new IllegalArgumentException("saturation must be > 0, got " + saturation);
        }
        if (!(bandwidth > 0)) {
            throw new IllegalArgumentException("bandwidth must be > 0, got " + bandwidth);
        }
        if (allowedFailures < 1) {
            throw new IllegalArgumentException("allowedFailures must be >= 1, got " + allowedFailures);
        }
        if (storyLimit < 1) {
            throw new IllegalArgumentException("storyLimit must be >= 1, got " + storyLimit);
        }
    }

    /** @return saturation 1.1, 100 MB/s, 0.5 s unknown duration, 3 failures, 60 s heartbeat timeout, stealing on, no validation, 100,000 transitions of story */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(1.1, 100e6, 500_000_000L, 3, 60_000_000_000L, true, false, 100_000);
    }

    /** @param v the saturation factor @return a copy with it */
    public SchedulerConfig withSaturation(double v) {
        return new SchedulerConfig(v, bandwidth, unknownDurationNanos, allowedFailures, heartbeatTimeoutNanos, workStealing, validate, storyLimit);
    }

    /** @param v bytes per second @return a copy with it */
    public SchedulerConfig withBandwidth(double v) {
        return new SchedulerConfig(saturation, v, unknownDurationNanos, allowedFailures, heartbeatTimeoutNanos, workStealing, validate, storyLimit);
    }

    /** @param v nanoseconds @return a copy with it */
    public SchedulerConfig withUnknownDurationNanos(long v) {
        return new SchedulerConfig(saturation, bandwidth, v, allowedFailures, heartbeatTimeoutNanos, workStealing, validate, storyLimit);
    }

    /** @param v the count @return a copy with it */
    public SchedulerConfig withAllowedFailures(int v) {
        return new SchedulerConfig(saturation, bandwidth, unknownDurationNanos, v, heartbeatTimeoutNanos, workStealing, validate, storyLimit);
    }

    /** @param v nanoseconds @return a copy with it */
    public SchedulerConfig withHeartbeatTimeoutNanos(long v) {
        return new SchedulerConfig(saturation, bandwidth, unknownDurationNanos, allowedFailures, v, workStealing, validate, storyLimit);
    }

    /** @param v whether to steal @return a copy with it */
    public SchedulerConfig withWorkStealing(boolean v) {
        return new SchedulerConfig(saturation, bandwidth, unknownDurationNanos, allowedFailures, heartbeatTimeoutNanos, v, validate, storyLimit);
    }

    /** @param v whether to validate @return a copy with it */
    public SchedulerConfig withValidate(boolean v) {
        return new SchedulerConfig(saturation, bandwidth, unknownDurationNanos, allowedFailures, heartbeatTimeoutNanos, workStealing, v, storyLimit);
    }
}
