package io.jdask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdask.distributed.scheduler.monitor.ClusterSnapshot;
import io.jdask.distributed.scheduler.monitor.TaskStreamEntry;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pusher's hand-written task-stream JSON reads back as the object mapper writes the same entries. */
class JsonViewsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ClusterSnapshot snapshot(List<TaskStreamEntry> stream) {
        return new ClusterSnapshot(1, 0, "tcp://s:1", List.of(), List.of(), stream, new ClusterSnapshot.Totals(0, 0, 0, 0, 0, 0, 0, 0), List.of(),
                Optional.empty(), Map.of());
    }

    @Test
    void theStreamWrittenByHandEqualsTheMappersAndKeepsTheNewest() throws Exception {
        List<TaskStreamEntry> entries = new ArrayList<>();
        TaskStreamEntry.Kind[] kinds = TaskStreamEntry.Kind.values();
        for (int i = 1; i <= 12; i++) {
            // names a JSON writer must escape: quotes, backslashes, control and non-ASCII characters
            Key key = i % 3 == 0 ? Key.of("odd \"name\" \\ tab\t é-" + i, i, 2) : Key.of("load-" + i);
            entries.add(new TaskStreamEntry(i, "tcp://w\"" + (i % 2) + ":1", key, kinds[i % kinds.length], 1000L * i, 1000L * i + 7, 64L * i, 1 + i % 4));
        }
        ClusterSnapshot s = snapshot(entries);
        for (long after : new long[] {0, 5, 11, 12}) {
            for (int max : new int[] {3, 100}) {
                StringBuilder out = new StringBuilder();
                long last = JsonViews.writeStreamAfter(out, s, after, max);
                List<Map<String, Object>> expected = JsonViews.streamAfter(s, after, max);
                assertThat(JSON.readTree(out.toString())).as("after %d, max %d", after, max).isEqualTo(JSON.readTree(JSON.writeValueAsString(expected)));
                assertThat(last).isEqualTo(expected.isEmpty() ? after : (Long) expected.getLast().get("seq"));
            }
        }
        StringBuilder newest = new StringBuilder();
        JsonViews.writeStreamAfter(newest, s, 0, 2);
        assertThat(JSON.readTree(newest.toString()).findValuesAsText("seq")).containsExactly("11", "12");
    }
}
