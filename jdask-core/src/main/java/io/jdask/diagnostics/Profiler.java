package io.jdask.diagnostics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Records what every task did: its key, prefix, thread, start and end (relative to its run's
 * start), and whether it failed; and each run's scheduler, size, duration and error. Like Dask's
 * {@code Profiler}, added for a scope:
 *
 * <pre>{@code
 * Profiler profiler = new Profiler();
 * try (var r = Callbacks.add(profiler)) {
 *     x.compute();
 * }
 * System.out.print(profiler.summary());
 * profiler.writeJson(Path.of("profile.json"));
 * }</pre>
 *
 * <p>Cheap on task threads: a finished task appends one record to a lock-free queue and adds its
 * duration to lock-free per-prefix counters. With a record limit the profiler keeps the most recent
 * task records and counts the ones it dropped; the per-prefix {@link #summary()} still counts every
 * task. Thread-safe.
 */
public final class Profiler implements Callback {
    private final BoundedLog<TaskRecord> tasks;
    private final BoundedLog<RunRecord> runs;
    private final Map<String, PrefixStats> prefixes = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /** A profiler that keeps every record. */
    public Profiler() {
        this(Integer.MAX_VALUE);
    }

    /**
     * A profiler with bounded memory.
     *
     * @param maxRecords the most task records (and run records) it keeps; older ones are dropped
     * @throws IllegalArgumentException if {@code maxRecords < 1}
     */
    public Profiler(int maxRecords) {
        this(maxRecords, System::nanoTime);
    }

    Profiler(int maxRecords, LongSupplier clock) {
        this.tasks = new BoundedLog<>(maxRecords);
        this.runs = new BoundedLog<>(maxRecords);
        this.clock = clock;
    }

    @Override
    public void onTaskFinish(RunInfo run, TaskEvent event) {
        String prefix = event.key().prefix();
        long start = event.startNanos() - run.startNanos();
        long end = event.endNanos() - run.startNanos();
        tasks.add(new TaskRecord(run.id(), event.key(), prefix, event.thread(), start, end, event.failed()));
        PrefixStats stats = prefixes.get(prefix);
        if (stats == null) {
            stats = prefixes.computeIfAbsent(prefix, p -> new PrefixStats());
        }
        stats.add(event.durationNanos(), event.failed());
    }

    @Override
    public void onFinish(RunInfo run, Throwable error) {
        long duration = clock.getAsLong() - run.startNanos();
        runs.add(new RunRecord(run.id(), run.scheduler(), run.taskCount(), duration,
                error == null ? null : ProgressDisplay.describe(error)));
    }

    /** @return the task records kept, by run, then start time, then key */
    public List<TaskRecord> tasks() {
        List<TaskRecord> list = tasks.snapshot();
        list.sort(Comparator.comparingLong(TaskRecord::runId)
                .thenComparingLong(TaskRecord::startNanos)
                .thenComparing(TaskRecord::key));
        return list;
    }

    /** @return the runs that finished, in the order they finished */
    public List<RunRecord> runs() {
        return runs.snapshot();
    }

    /** @return per key prefix: count, failures, total, mean and longest duration, most total time first */
    public ProfileSummary summary() {
        List<PrefixSummary> list = new ArrayList<>(prefixes.size());
        prefixes.forEach((prefix, stats) -> list.add(stats.summary(prefix)));
        list.sort(Comparator.comparingLong(PrefixSummary::totalNanos).reversed()
                .thenComparing(PrefixSummary::prefix));
        long seen = 0;
        for (PrefixSummary p : list) {
            seen += p.count();
        }
        long dropped = tasks.dropped();
        return new ProfileSummary(list, seen, Math.max(0, seen - dropped), dropped, tasks.capacity());
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        tasks.clear();
        runs.clear();
        prefixes.clear();
    }

    /**
     * The profile as JSON: {@code runs}, {@code tasks} (key, prefix, thread, start_us, end_us,
     * duration_us, failed) and {@code summary}; times in microseconds relative to each run's start.
     *
     * @return the JSON text
     */
    public String toJson() {
        StringWriter w = new StringWriter();
        try {
            writeJson(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * Writes {@link #toJson()} to a file (UTF-8), replacing it.
     *
     * @param path the file
     * @throws IOException if it cannot be written
     */
    public void writeJson(Path path) throws IOException {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            writeJson(w);
        }
    }

    private void writeJson(Writer w) throws IOException {
        ProfileExport.json(w, runs(), tasks(), summary());
    }

    /**
     * The task records as CSV with the header {@code key,prefix,thread,start_us,end_us,duration_us,failed},
     * times in microseconds (three decimals) relative to each task's run start.
     *
     * @return the CSV text
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        try {
            ProfileExport.csv(sb, tasks());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /**
     * Writes {@link #toCsv()} to a file (UTF-8), replacing it.
     *
     * @param path the file
     * @throws IOException if it cannot be written
     */
    public void writeCsv(Path path) throws IOException {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            ProfileExport.csv(w, tasks());
        }
    }

    @Override
    public String toString() {
        ProfileSummary s = summary();
        return "Profiler(" + s.tasks() + " tasks, " + s.prefixes().size() + " prefixes, " + runs.snapshot().size()
                + " runs" + (s.truncated() ? ", " + s.dropped() + " records dropped" : "") + ")";
    }
}
