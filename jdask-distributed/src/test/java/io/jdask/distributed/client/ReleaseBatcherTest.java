package io.jdask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.comm.RecordingConnection;
import io.jdask.distributed.protocol.ClientToScheduler;
import io.jdask.distributed.protocol.Message;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReleaseBatcherTest {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** @return every key released so far through {@code r}, in the order sent */
    private static List<Key> released(RecordingConnection r) {
        List<Key> out = new ArrayList<>();
        synchronized (r.sent) {
            for (Message m : r.sent) {
                if (m instanceof ClientToScheduler.ReleaseKeys k) {
                    out.addAll(k.keys());
                }
            }
        }
        return out;
    }

    private static ReleaseBatcher batcher(RecordingConnection r) {
        return new ReleaseBatcher(r, () -> "release-" + IDS.incrementAndGet());
    }

    @Test
    void releasesOneByOneArriveInOrderInFewMessages() throws Exception {
        RecordingConnection r = new RecordingConnection("tcp://127.0.0.1:1");
        ReleaseBatcher b = batcher(r);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(Key.of("map-x", i));
            b.release(List.of(keys.get(i)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (released(r).size() < keys.size() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(released(r)).containsExactlyElementsOf(keys);
        assertThat(r.sent).allMatch(m -> m instanceof ClientToScheduler.ReleaseKeys).hasSizeLessThan(keys.size());
    }

    @Test
    void anotherMessageGoesOutAfterTheReleasesQueuedBeforeIt() {
        RecordingConnection r = new RecordingConnection("tcp://127.0.0.1:1");
        ReleaseBatcher b = batcher(r);
        // many rounds: the flusher thread may or may not have come round before the send
        for (int round = 0; round < 200; round++) {
            Key k = Key.of("x", round);
            b.release(List.of(k));
            ClientToScheduler.UpdateGraph again = new ClientToScheduler.UpdateGraph(List.of(), List.of(k), "want-" + round);
            b.send(again);
            List<Key> releasedBefore = new ArrayList<>();
            synchronized (r.sent) {
                for (Message m : r.sent) {
                    if (m == again) {
                        break;
                    }
                    if (m instanceof ClientToScheduler.ReleaseKeys rk) {
                        releasedBefore.addAll(rk.keys());
                    }
                }
            }
            assertThat(releasedBefore).as("round %d", round).contains(k);
        }
    }

    @Test
    void flushSendsNothingWhenNothingIsQueuedAndNothingOnceClosed() {
        RecordingConnection r = new RecordingConnection("tcp://127.0.0.1:1");
        ReleaseBatcher b = batcher(r);
        b.flush();
        assertThat(r.sent).isEmpty();
        r.close();
        b.release(List.of(Key.of("y")));
        b.flush();
        assertThat(r.sent).isEmpty();
    }
}
