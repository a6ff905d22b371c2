package io.jdask.distributed.protocol;

/**
 * What the scheduler tells a client right after accepting it (and before anything else).
 *
 * @param dashboardLink the link to the scheduler's dashboard, empty when it serves none
 * @param stimulusId the stimulus
 */
public record SchedulerGreeting(String dashboardLink, String stimulusId) implements Message {
    /** Checks the link is not null. */
    public SchedulerGreeting {
        java.util.Objects.requireNonNull(dashboardLink, "dashboardLink");
    }
}
