package io.jdask.distributed.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoryLogTest {
    @Test
    void storyLogKeepsTheLatestEntriesInOrder() {
        StoryLog log = new StoryLog(3000);
        io.jdask.graph.Key a = io.jdask.graph.Key.of("a");
        io.jdask.graph.Key b = io.jdask.graph.Key.of("b");
        for (int i = 0; i < 5000; i++) {
            log.add(i % 2 == 0 ? a : b, TaskState.RELEASED, TaskState.WAITING, i % 4 == 0 ? "" : "n" + i, i % 3 == 0 ? "tcp://w" : null, "s" + i, i);
        }
        List<StoryEntry> ofA = log.of(a);
        assertThat(ofA).hasSize(1500);
        assertThat(ofA.getFirst().nanos()).isEqualTo(2000);
        assertThat(ofA.getLast().nanos()).isEqualTo(4998);
        for (StoryEntry e : ofA) {
            int i = (int) e.nanos();
            String note = i % 4 == 0 ? "" : "n" + i;
            String expected = i % 3 == 0 ? "on tcp://w" + (note.isEmpty() ? "" : ", " + note) : note;
            assertThat(e.note()).isEqualTo(expected);
            assertThat(e.stimulusId()).isEqualTo("s" + i);
            assertThat(e.key()).isEqualTo(a);
        }
        StoryLog small = new StoryLog(10);
        for (int i = 0; i < 7; i++) {
            small.add(a, TaskState.RELEASED, TaskState.WAITING, "", null, "s", i);
        }
        assertThat(small.of(a)).extracting(StoryEntry::nanos).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(small.of(b)).isEmpty();
    }
}
