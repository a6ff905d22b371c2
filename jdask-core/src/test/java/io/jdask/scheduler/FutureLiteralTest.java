package io.jdask.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.diagnostics.Callbacks;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A literal holding a future (a value held elsewhere, e.g. persisted on a cluster) stands for the future's value. */
class FutureLiteralTest {
    static final TaskFunction INC = a -> (Long) a[0] + 1;

    static TaskGraph graph(CompletableFuture<Long> held) {
        return TaskGraph.of(List.of(new Literal(Key.of("held"), held), new Task(Key.of("t"), INC, Arg.ref(Key.of("held")))));
    }

    @Test
    void bothLocalSchedulersUseTheFuturesValue() {
        for (Scheduler s : List.of(Schedulers.sync(), Schedulers.threaded())) {
            List<Object> out = s.compute(graph(CompletableFuture.completedFuture(41L)), List.of(Key.of("t"), Key.of("held")), Callbacks.NONE);
            assertThat(out).as(s.name()).containsExactly(42L, 41L);
        }
    }

    @Test
    void aFailedFutureFailsTheRunNamingItsKey() {
        CompletableFuture<Long> failed = CompletableFuture.failedFuture(new IllegalStateException("lost"));
        assertThatThrownBy(() -> Schedulers.sync().compute(graph(failed), List.of(Key.of("t")), Callbacks.NONE))
                .isInstanceOf(TaskFailedException.class).hasMessageContaining("held").cause().hasMessage("lost");
    }
}
