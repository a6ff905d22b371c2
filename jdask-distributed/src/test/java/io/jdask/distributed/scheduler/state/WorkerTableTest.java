package io.jdask.distributed.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's workers by address: lookups, sorted iteration, and snapshots that joins and leaves leave alone. */
class WorkerTableTest {
    private static SWorker worker(String address) {
        return new SWorker(address, "w-" + address, 1, 1 << 20, Map.of(), 0);
    }

    @Test
    void looksUpByAddressAndListsInAddressOrder() {
        WorkerTable table = new WorkerTable();
        SWorker c = worker("tcp://c:1");
        SWorker a = worker("tcp://a:2");
        SWorker b = worker("tcp://a:10");
        table.put(c);
        table.put(a);
        table.put(b);
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.get("tcp://a:2")).isSameAs(a);
        assertThat(table.get("tcp://d:1")).isNull();
        assertThat(table.containsKey("tcp://c:1")).isTrue();
        assertThat(table.values()).containsExactly(b, a, c); // string order: "a:10" before "a:2"
        assertThat(table.addresses()).containsExactly("tcp://a:10", "tcp://a:2", "tcp://c:1");

        List<SWorker> before = table.values();
        assertThat(table.remove("tcp://a:2")).isSameAs(a);
        assertThat(table.remove("tcp://a:2")).isNull();
        assertThat(before).containsExactly(b, a, c); // a snapshot
        assertThat(table.values()).containsExactly(b, c);
        assertThat(table.containsKey("tcp://a:2")).isFalse();

        SWorker again = worker("tcp://c:1");
        table.put(again); // a worker back at the same address replaces the old one
        assertThat(table.get("tcp://c:1")).isSameAs(again);
        assertThat(table.values()).containsExactly(b, again);
        assertThat(table.size()).isEqualTo(2);
    }
}
