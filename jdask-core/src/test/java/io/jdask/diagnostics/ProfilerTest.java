package io.jdask.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdask.graph.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {
    private static final long US = 1_000L;
    private static final long RUN_START = 5_000_000_000L;

    private final AtomicLong clock = new AtomicLong(RUN_START);
    private final Profiler profiler = new Profiler(Integer.MAX_VALUE, clock::get);

    private static TaskEvent task(Key key, String thread, long startUs, long endUs, Throwable error) {
        return new TaskEvent(key, thread, RUN_START + startUs * US, RUN_START + endUs * US, error);
    }

    /** A run of three prefixes: inc (3 x 10us), add (2 x 40us, one failed), sum (1 x 50us). */
    private RunInfo simulateRun(Profiler p) {
        RunInfo run = Runs.run(1, 6, RUN_START);
        p.onStart(run);
        p.onTaskStart(run, new TaskStart(Key.of("inc-3f2a9c0142aa", 0), "t1", RUN_START));
        p.onTaskFinish(run, task(Key.of("inc-3f2a9c0142aa", 0), "t1", 0, 10, null));
        p.onTaskFinish(run, task(Key.of("inc-3f2a9c0142aa", 1), "t2", 2, 12, null));
        p.onTaskFinish(run, task(Key.of("inc-3f2a9c0142aa", 2), "t1", 10, 20, null));
        p.onTaskFinish(run, task(Key.of("add-77aa00bb99cc", 0), "t2", 20, 60, new ArithmeticException("/ by zero")));
        p.onTaskFinish(run, task(Key.of("add-77aa00bb99cc", 1), "t1", 21, 61, null));
        p.onTaskFinish(run, task(Key.of("sum-aggregate"), "t1", 61, 111, null));
        clock.set(RUN_START + 120 * US);
        p.onFinish(run, null);
        return run;
    }

    @Test
    void recordsEachTaskRelativeToItsRunStart() {
        simulateRun(profiler);

        List<TaskRecord> tasks = profiler.tasks();
        assertThat(tasks).hasSize(6);
        assertThat(tasks.get(0)).isEqualTo(
                new TaskRecord(1, Key.of("inc-3f2a9c0142aa", 0), "inc", "t1", 0, 10 * US, false));
        assertThat(tasks).extracting(TaskRecord::startNanos).isSorted();
        TaskRecord failed = tasks.stream().filter(TaskRecord::failed).findFirst().orElseThrow();
        assertThat(failed.key()).isEqualTo(Key.of("add-77aa00bb99cc", 0));
        assertThat(failed.thread()).isEqualTo("t2");
        assertThat(failed.durationNanos()).isEqualTo(40 * US);
    }

    @Test
    void recordsEachRun() {
        simulateRun(profiler);
        RunInfo second = Runs.run(2, 3, RUN_START + 200 * US);
        profiler.onStart(second);
        clock.set(RUN_START + 260 * US);
        profiler.onFinish(second, new IllegalStateException("cancelled"));

        assertThat(profiler.runs()).containsExactly(
                new RunRecord(1, "threads", 6, 120 * US, null),
                new RunRecord(2, "threads", 3, 60 * US, "IllegalStateException: cancelled"));
        assertThat(profiler.runs().get(1).failed()).isTrue();
    }

    @Test
    void summaryTotalsEachPrefixMostTimeFirst() {
        simulateRun(profiler);

        ProfileSummary s = profiler.summary();
        assertThat(s.prefixes()).containsExactly(
                new PrefixSummary("add", 2, 1, 80 * US, 40 * US),
                new PrefixSummary("sum-aggregate", 1, 0, 50 * US, 50 * US),
                new PrefixSummary("inc", 3, 0, 30 * US, 10 * US));
        assertThat(s.prefixes().get(2).meanNanos()).isEqualTo(10 * US);
        assertThat(s.tasks()).isEqualTo(6);
        assertThat(s.recorded()).isEqualTo(6);
        assertThat(s.truncated()).isFalse();
        assertThat(s.toString()).contains("add").contains("40.0us").contains("6 tasks").doesNotContain("dropped");
    }

    @Test
    void boundedProfilerKeepsTheMostRecentRecordsAndSaysHowManyItDropped() {
        Profiler bounded = new Profiler(4, clock::get);
        RunInfo run = Runs.run(1, 10, RUN_START);
        bounded.onStart(run);
        for (int i = 0; i < 10; i++) {
            bounded.onTaskFinish(run, task(Key.of("load", i), "t1", i * 10L, i * 10L + 5, null));
        }
        bounded.onFinish(run, null);

        assertThat(bounded.tasks()).extracting(t -> t.key().index(0)).containsExactly(6, 7, 8, 9);
        ProfileSummary s = bounded.summary();
        assertThat(s.dropped()).isEqualTo(6);
        assertThat(s.recorded()).isEqualTo(4);
        assertThat(s.truncated()).isTrue();
        assertThat(s.prefixes()).containsExactly(new PrefixSummary("load", 10, 0, 50 * US, 5 * US));
        assertThat(s.toString()).contains("6 were dropped").contains("limit 4").contains("10 tasks");
        assertThat(bounded.toJson()).contains("\"dropped\" : 6");
    }

    @Test
    void recordsTasksFinishingOnManyThreadsAtOnce() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        RunInfo run = Runs.run(1, threads * perThread, RUN_START);
        profiler.onStart(run);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "worker-" + t;
                String prefix = t % 2 == 0 ? "even" : "odd";
                fs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        profiler.onTaskFinish(run, task(Key.of(prefix + "-aaaaaaaabbbb", i), name, i, i + 3L, null));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        profiler.onFinish(run, null);

        assertThat(profiler.tasks()).hasSize(threads * perThread);
        assertThat(profiler.summary().prefixes()).extracting(PrefixSummary::count).containsOnly(4L * perThread);
        assertThat(profiler.summary().prefixes()).extracting(PrefixSummary::totalNanos)
                .containsOnly(4L * perThread * 3 * US);
    }

    @Test
    void csvHasTheHeaderAndQuotesKeysWithCommasAndQuotes() {
        RunInfo run = Runs.run(1, 2, RUN_START);
        profiler.onStart(run);
        profiler.onTaskFinish(run, new TaskEvent(Key.of("x-1", 0, 2), "pool-1, thread \"a\"", RUN_START + 1_500,
                RUN_START + 4_250, null));
        profiler.onTaskFinish(run, task(Key.of("plain"), "t", 5, 6, new RuntimeException()));
        profiler.onFinish(run, null);

        assertThat(profiler.toCsv()).isEqualTo("""
                key,prefix,thread,start_us,end_us,duration_us,failed
                "('x-1', 0, 2)",x,"pool-1, thread ""a\""",1.500,4.250,2.750,false
                plain,plain,t,5.000,6.000,1.000,true
                """);
    }

    @Test
    void jsonIsEscapedAndReadsBack() throws Exception {
        simulateRun(profiler);
        RunInfo run = Runs.run(3, 1, RUN_START);
        Key odd = Key.of("say-\"hi\"\\there\n");
        profiler.onTaskFinish(run, task(odd, "t\"1", 1, 2, null));

        JsonNode root = new ObjectMapper().readTree(profiler.toJson());
        assertThat(root.get("runs")).hasSize(1);
        assertThat(root.get("runs").get(0).get("duration_us").asDouble()).isEqualTo(120.0);
        assertThat(root.get("runs").get(0).get("error").isNull()).isTrue();
        JsonNode tasks = root.get("tasks");
        assertThat(tasks).hasSize(7);
        JsonNode last = tasks.get(6);
        assertThat(last.get("key").asText()).isEqualTo(odd.toString());
        assertThat(last.get("thread").asText()).isEqualTo("t\"1");
        assertThat(last.get("run").asLong()).isEqualTo(3);
        assertThat(tasks.get(3).get("failed").asBoolean()).isTrue();
        assertThat(tasks.get(3).get("start_us").decimalValue()).isEqualByComparingTo("20");
        assertThat(tasks.get(3).get("duration_us").decimalValue()).isEqualByComparingTo("40");
        JsonNode summary = root.get("summary");
        assertThat(summary.get("tasks").asLong()).isEqualTo(7);
        assertThat(summary.get("prefixes").get(0).get("prefix").asText()).isEqualTo("add");
        assertThat(summary.get("prefixes").get(0).get("total_us").asDouble()).isEqualTo(80.0);
    }

    @Test
    void writesJsonAndCsvFiles(@TempDir Path dir) throws Exception {
        simulateRun(profiler);
        Path json = dir.resolve("profile.json");
        Path csv = dir.resolve("profile.csv");
        profiler.writeJson(json);
        profiler.writeCsv(csv);

        assertThat(Files.readString(json, StandardCharsets.UTF_8)).isEqualTo(profiler.toJson());
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).hasSize(7)
                .first().isEqualTo(ProfileExport.CSV_HEADER);
    }

    @Test
    @SuppressWarnings("try") // the registration is only there to be closed
    void worksAsAGloballyRegisteredCallbackForAScope() {
        Profiler p = new Profiler();
        RunInfo run = Runs.run(9, 1, RUN_START);
        try (var r = Callbacks.add(p)) {
            Callback all = Callbacks.compose(Callbacks.active());
            all.onStart(run);
            all.onTaskFinish(run, task(Key.of("one"), "t", 0, 1, null));
            all.onFinish(run, null);
        }
        assertThat(Callbacks.active()).doesNotContain(p);
        assertThat(p.tasks()).hasSize(1);
        assertThat(p.runs()).extracting(RunRecord::id).containsExactly(9L);
    }

    @Test
    void clearForgetsEverything() {
        simulateRun(profiler);
        profiler.clear();

        assertThat(profiler.tasks()).isEmpty();
        assertThat(profiler.runs()).isEmpty();
        assertThat(profiler.summary().prefixes()).isEmpty();
        assertThat(profiler.toCsv()).isEqualTo(ProfileExport.CSV_HEADER + "\n");
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> new Profiler(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
