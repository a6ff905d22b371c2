package io.jdask.distributed.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.protocol.ClientReply;
import io.jdask.distributed.protocol.ClientRequest;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import io.jdask.distributed.scheduler.state.SchedulerEvent;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.graph.Key;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress watches against a scheduler state fed events directly (no network). */
class ProgressWatchesTest {
    static final String A = "tcp://a:1";
    final AtomicLong clock = new AtomicLong();
    final SchedulerState state = new SchedulerState(SchedulerConfig.defaults().withValidate(true), clock::get);
    final ProgressWatches watches = new ProgressWatches(clock::get);

    static Key k(String n) {
        return Key.of(n);
    }

    static TaskSpec spec(String n, String... deps) {
        return TaskSpec.of(k(n), Payload.wrap(n.getBytes(java.nio.charset.StandardCharsets.UTF_8)), java.util.Arrays.stream(deps).map(Key::of).toList(), 0);
    }

    void finish(String key) {
        state.handle(new SchedulerEvent.TaskFinished(A, k(key), 8, "java.lang.Long", 10, Long.MAX_VALUE, "f-" + key));
    }

    ClientReply.ProgressUpdate poll(List<Key> keys, boolean end) {
        return watches.poll(state, new ClientRequest.Progress("w", keys, end, "p"));
    }

    @Test
    void eachFinishedKeyIsReportedOnceIncludingThoseAlreadyReleased() {
        state.handle(new SchedulerEvent.AddWorker(A, "a", 1, 0, Map.of(), "add"));
        state.handle(new SchedulerEvent.UpdateGraph("c", List.of(spec("x"), spec("y", "x"), spec("z", "y")), List.of(k("z")), "g"));

        assertThat(poll(List.of(k("x"), k("y"), k("z")), false)).isEqualTo(new ClientReply.ProgressUpdate(List.of(), 3, "p"));
        finish("x");
        assertThat(poll(List.of(), false)).isEqualTo(new ClientReply.ProgressUpdate(List.of(k("x")), 2, "p"));
        finish("y"); // x is released now: still counted once
        finish("z");
        assertThat(poll(List.of(), true)).isEqualTo(new ClientReply.ProgressUpdate(List.of(k("y"), k("z")), 0, "p"));
        assertThat(watches.size()).isZero();
    }

    @Test
    void aWatchNobodyPollsExpires() {
        poll(List.of(k("x")), false);
        clock.addAndGet(ProgressWatches.EXPIRY_NANOS + 1);
        watches.poll(state, new ClientRequest.Progress("other", List.of(), true, "p2"));
        assertThat(watches.size()).isZero();
    }
}
