package io.jdask.diagnostics;

import java.util.List;
import java.util.Locale;

/**
 * What a {@link Profiler} saw, per key prefix, the prefix with the most total time first.
 *
 * <p>The per-prefix totals count every task the profiler saw, also those whose individual records
 * were dropped because of the profiler's record limit; {@link #dropped()} says how many were.
 *
 * @param prefixes one entry per prefix, sorted by total time, descending
 * @param tasks how many tasks the profiler saw
 * @param recorded how many task records it holds
 * @param dropped how many task records it dropped to stay within its limit
 * @param limit the most task records it keeps
 */
public record ProfileSummary(List<PrefixSummary> prefixes, long tasks, long recorded, long dropped, int limit) {
    public ProfileSummary {
        prefixes = List.copyOf(prefixes);
    }

    /** @return whether task records were dropped */
    public boolean truncated() {
        return dropped > 0;
    }

    /** @return a table, one prefix per line, and a line about dropped records if any were */
    @Override
    public String toString() {
        int width = "prefix".length();
        for (PrefixSummary p : prefixes) {
            width = Math.max(width, p.prefix().length());
        }
        String row = "%-" + width + "s %8s %8s %10s %10s %10s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, row, "prefix", "count", "failed", "total", "mean", "max"));
        for (PrefixSummary p : prefixes) {
            sb.append(String.format(Locale.ROOT, row, p.prefix(), p.count(), p.failed(),
                    Durations.human(p.totalNanos()), Durations.human(p.meanNanos()), Durations.human(p.maxNanos())));
        }
        sb.append(tasks).append(" tasks");
        if (dropped > 0) {
            sb.append("; only the last ").append(recorded).append(" task records are kept (limit ").append(limit)
                    .append("), ").append(dropped).append(" were dropped; the totals above count every task");
        }
        return sb.append(System.lineSeparator()).toString();
    }
}
