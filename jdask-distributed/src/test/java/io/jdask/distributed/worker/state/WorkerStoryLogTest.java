package io.jdask.distributed.worker.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.graph.Key;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerStoryLogTest {
    @Test
    void keepsTheLatestEntriesInOrder() {
        WorkerStoryLog log = new WorkerStoryLog(3000);
        Key a = Key.of("a");
        Key b = Key.of("b");
        for (int i = 0; i < 5000; i++) {
            log.add(i % 2 == 0 ? a : b, WorkerTaskState.RELEASED, WorkerTaskState.WAITING, i % 4 == 0 ? "" : "n" + i,
                    i % 5 == 0 ? Key.of("by", i) : null, i % 3 == 0 ? 7L * i : WorkerStoryLog.NO_NANOS, "s" + i, i);
        }
        List<WorkerStoryEntry> ofA = log.of(a);
        assertThat(ofA).hasSize(1500);
        assertThat(ofA.getFirst().nanos()).isEqualTo(2000);
        assertThat(ofA.getLast().nanos()).isEqualTo(4998);
        for (WorkerStoryEntry e : ofA) {
            int i = (int) e.nanos();
            String note = (i % 4 == 0 ? "" : "n" + i) + (i % 5 == 0 ? Key.of("by", i).toString() : "");
            String expected = i % 3 == 0 ? note + (7L * i) + " ns" : note;
            assertThat(e.note()).isEqualTo(expected);
            assertThat(e.stimulusId()).isEqualTo("s" + i);
            assertThat(e.key()).isEqualTo(a);
            assertThat(e.from()).isEqualTo(WorkerTaskState.RELEASED);
            assertThat(e.to()).isEqualTo(WorkerTaskState.WAITING);
        }
        WorkerStoryLog small = new WorkerStoryLog(10);
        for (int i = 0; i < 7; i++) {
            small.add(a, WorkerTaskState.RELEASED, WorkerTaskState.WAITING, "", null, WorkerStoryLog.NO_NANOS, "s", i);
        }
        assertThat(small.of(a)).extracting(WorkerStoryEntry::nanos).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(small.of(b)).isEmpty();
        WorkerStoryLog one = new WorkerStoryLog(1);
        one.add(a, WorkerTaskState.RELEASED, WorkerTaskState.WAITING, "x", null, WorkerStoryLog.NO_NANOS, "s", 1);
        one.add(b, WorkerTaskState.WAITING, WorkerTaskState.READY, "y", null, WorkerStoryLog.NO_NANOS, "s", 2);
        assertThat(one.of(a)).isEmpty();
        assertThat(one.of(b)).extracting(WorkerStoryEntry::note).containsExactly("y");
    }
}
