package io.jdask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdask.distributed.protocol.WorkerMetrics;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.scheduler.monitor.ClusterSnapshot;
import io.jdask.distributed.scheduler.monitor.TaskStreamEntry;
import io.jdask.distributed.scheduler.monitor.TaskStreamEntry.Kind;
import io.jdask.distributed.scheduler.monitor.WorkerSnapshot;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pusher's runs: tasks that ran one after another on one thread merged, parallel threads and failures kept apart. */
class StreamRunsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String A = "tcp://a:1";
    static final String B = "tcp://b:1";

    final List<TaskStreamEntry> entries = new ArrayList<>();

    void add(String worker, String key, Kind kind, long start, long stop, long nbytes, long count) {
        entries.add(new TaskStreamEntry(entries.size() + 1, worker, Key.of(key), kind, start, stop, nbytes, count));
    }

    ClusterSnapshot snapshot() {
        List<WorkerSnapshot> workers = List.of(worker(A, 2), worker(B, 1));
        return new ClusterSnapshot(1, 0, "tcp://s:1", workers, List.of(), List.copyOf(entries), new ClusterSnapshot.Totals(0, 0, 0, 0, 0, 0, 0, 0),
                List.of(), Optional.empty(), Map.of());
    }

    static WorkerSnapshot worker(String address, int threads) {
        return new WorkerSnapshot(address, address, threads, 0, Map.of(), WorkerStatus.RUNNING, WorkerMetrics.of(0, 0), 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** @return the runs written after {@code after}, as "worker kind prefix start-stop xcount bytes" */
    List<String> runs(long after, int max, long[] last) throws Exception {
        StringBuilder out = new StringBuilder();
        last[0] = StreamRuns.write(out, snapshot(), after, max);
        List<String> rs = new ArrayList<>();
        for (JsonNode n : JSON.readTree(out.toString())) {
            rs.add(n.get("worker").asText() + " " + n.get("kind").asText() + " " + n.get("prefix").asText() + " " + n.get("start").asLong() + "-"
                    + n.get("stop").asLong() + " x" + n.get("count").asLong() + " " + n.get("nbytes").asLong() + "B #" + n.get("seq").asLong()
                    + " " + n.get("key").asText());
        }
        return rs;
    }

    @Test
    void mergesSequentialTasksPerThreadAndKeepsTheRestApart() throws Exception {
        // worker A, two threads running "inc" tasks side by side (reports arrive in stop order), then an "add"
        add(A, "inc-1", Kind.COMPUTE, 0, 10, 8, 1);
        add(A, "inc-2", Kind.COMPUTE, 5, 15, 8, 1);
        add(A, "inc-3", Kind.COMPUTE, 10, 20, 8, 1);
        add(A, "inc-4", Kind.COMPUTE, 16, 25, 8, 1);  // 1 ms after its thread's last one: merged
        add(A, "inc-5", Kind.COMPUTE, 19, 30, 8, 1);  // 1 ms overlap (jitter) with lane 0, lane 1 busy: merged
        add(A, "add-1", Kind.COMPUTE, 30, 40, 16, 1); // another prefix: a run of its own
        add(A, "inc-6", Kind.COMPUTE, 60, 70, 8, 1);  // 20 ms after the last inc: a run of its own
        // worker B: copies from a peer, a failure between tasks, a spill of 3 values
        add(B, "inc-1", Kind.TRANSFER, 12, 12, 8, 1);
        add(B, "inc-2", Kind.TRANSFER, 14, 14, 8, 1);
        add(B, "mul-1", Kind.COMPUTE, 14, 20, 8, 1);
        add(B, "mul-2", Kind.ERROR, 20, 22, 0, 1);
        add(B, "mul-3", Kind.COMPUTE, 22, 24, 8, 1);
        add(B, "mul-4", Kind.COMPUTE, 24, 26, 8, 1);
        add(B, "spill", Kind.SPILL, 0, 30, 4096, 3);
        add(B, "spill", Kind.SPILL, 30, 31, 1024, 2); // spills are never merged
        long[] last = new long[1];
        assertThat(runs(0, 100, last)).containsExactly(
                A + " compute inc 0-30 x3 24B #1 inc-1",
                A + " compute inc 5-25 x2 16B #2 inc-2",
                A + " compute add 30-40 x1 16B #6 add-1",
                A + " compute inc 60-70 x1 8B #7 inc-6",
                B + " transfer inc 12-14 x2 16B #8 inc-1",
                B + " compute mul 14-20 x1 8B #10 mul-1",
                B + " error mul 20-22 x1 0B #11 mul-2",
                B + " compute mul 22-26 x2 16B #12 mul-3",
                B + " spill spill 0-30 x3 4096B #14 spill",
                B + " spill spill 30-31 x2 1024B #15 spill");
        assertThat(last[0]).isEqualTo(15);
        // only what came after the reader's last entry; the newest runs when there are more than asked for
        assertThat(runs(12, 100, last)).containsExactly(B + " compute mul 24-26 x1 8B #13 mul-4", B + " spill spill 0-30 x3 4096B #14 spill",
                B + " spill spill 30-31 x2 1024B #15 spill");
        assertThat(runs(0, 2, last)).containsExactly(B + " spill spill 0-30 x3 4096B #14 spill", B + " spill spill 30-31 x2 1024B #15 spill");
        assertThat(last[0]).isEqualTo(15);
        assertThat(runs(15, 100, last)).isEmpty();
        assertThat(last[0]).isEqualTo(15);
    }

    @Test
    void theCountsAddUpToTheEntriesAndEveryThreadKeepsItsOwnRuns() throws Exception {
        // two threads of A each running 1,000 tasks of 0.5-1 ms back to back, reports interleaved
        java.util.Random random = new java.util.Random(7);
        long[] clock = {0, 0};
        for (int i = 0; i < 2000; i++) {
            int t = random.nextInt(2);
            long d = 1 + random.nextInt(2);
            add(A, "tiny-" + i, Kind.COMPUTE, clock[t], clock[t] + d, 1, 1);
            clock[t] += d;
        }
        long[] last = new long[1];
        List<String> rs = runs(0, 3000, last);
        long counted = rs.stream().mapToLong(r -> Long.parseLong(r.split(" ")[4].substring(1))).sum();
        assertThat(counted).isEqualTo(2000);
        assertThat(rs.size()).as("runs for 2,000 tasks on 2 threads").isLessThan(100);
        assertThat(last[0]).isEqualTo(2000);
    }
}
