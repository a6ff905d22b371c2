package io.jdask.distributed.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.SchedulerToClient.KeyCancelled;
import io.jdask.distributed.protocol.SchedulerToClient.KeyInMemory;
import io.jdask.distributed.protocol.SchedulerToWorker.FreeKeys;
import io.jdask.distributed.protocol.SchedulerToWorker.RestartWorker;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.scheduler.state.SchedulerEvent.AddWorker;
import io.jdask.distributed.scheduler.state.SchedulerEvent.ReleaseKeys;
import io.jdask.distributed.scheduler.state.SchedulerEvent.RemoveClient;
import io.jdask.distributed.scheduler.state.SchedulerEvent.Restart;
import io.jdask.distributed.scheduler.state.SchedulerEvent.TaskFinished;
import io.jdask.distributed.scheduler.state.SchedulerEvent.UpdateGraph;
import io.jdask.distributed.scheduler.state.SchedulerEvent.WorkerStatusChanged;
import io.jdask.distributed.scheduler.state.SchedulerInstruction.ToClient;
import io.jdask.distributed.scheduler.state.SchedulerInstruction.ToWorker;
import io.jdask.graph.Key;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The scheduler state under the client's management calls: restart, datasets held as clients of their own, retirement. */
class ClientControlStateTest {
    static final String A = "tcp://a:1";
    static final String B = "tcp://b:1";
    static final String ONE = "client-1";
    static final String TWO = "client-2";
    static final String DATASET = "dataset:prices#1";

    final AtomicLong clock = new AtomicLong();
    final SchedulerState s = new SchedulerState(SchedulerConfig.defaults().withSaturation(Double.POSITIVE_INFINITY)
            .withWorkStealing(false).withValidate(true), clock::get);

    static Key k(String name) {
        return Key.of(name);
    }

    static TaskSpec spec(String name, int order, String... deps) {
        return TaskSpec.of(k(name), Payload.wrap(name.getBytes(StandardCharsets.UTF_8)), java.util.Arrays.stream(deps).map(Key::of).toList(), order);
    }

    void finish(String worker, String key) {
        s.handle(new TaskFinished(worker, k(key), 8, "java.lang.Long", 1000, Long.MAX_VALUE, "f-" + key));
    }

    void twoWorkers() {
        s.handle(new AddWorker(A, "a", 1, 0, Map.of(), "add-a"));
        s.handle(new AddWorker(B, "b", 1, 0, Map.of(), "add-b"));
    }

    @Test
    void restartCancelsEveryClientsKeysAndFreesEveryValueAndRunningTask() {
        twoWorkers();
        s.handle(new UpdateGraph(ONE, List.of(spec("x", 0), spec("y", 1, "x")), List.of(k("x"), k("y")), "g1"));
        finish(A, "x"); // y now runs on a (where x is)
        s.handle(new UpdateGraph(TWO, List.of(spec("z", 0)), List.of(k("z")), "g2"));
        finish(B, "z");
        assertThat(s.processing(A)).containsExactly(k("y"));

        List<SchedulerInstruction> out = s.handle(new Restart("rs"));

        assertThat(out).containsExactlyInAnyOrder(
                new ToClient(ONE, new KeyCancelled(k("x"), "rs")),
                new ToClient(ONE, new KeyCancelled(k("y"), "rs")),
                new ToClient(TWO, new KeyCancelled(k("z"), "rs")),
                new ToWorker(A, new FreeKeys(List.of(k("y"), k("x")), "rs")),
                new ToWorker(B, new FreeKeys(List.of(k("z")), "rs")),
                new ToWorker(A, new RestartWorker("rs")),
                new ToWorker(B, new RestartWorker("rs")));
        // each worker is asked to restart after its keys are freed, and takes no task until it answers
        assertThat(out.indexOf(new ToWorker(A, new RestartWorker("rs")))).isGreaterThan(out.indexOf(new ToWorker(A, new FreeKeys(List.of(k("y"), k("x")), "rs"))));
        assertThat(out.indexOf(new ToWorker(B, new RestartWorker("rs")))).isGreaterThan(out.indexOf(new ToWorker(B, new FreeKeys(List.of(k("z")), "rs"))));
        assertThat(s.workerStatus(A)).contains(WorkerStatus.CLOSING_GRACEFULLY);
        s.handle(new WorkerStatusChanged(A, WorkerStatus.RUNNING, "stay"));
        assertThat(s.workerStatus(A)).contains(WorkerStatus.RUNNING);
        assertThat(s.workerStatus(B)).contains(WorkerStatus.CLOSING_GRACEFULLY);
        assertThat(s.taskCount()).isZero();
        assertThat(s.hasWhat(A)).isEmpty();
        assertThat(s.hasWhat(B)).isEmpty();
        assertThat(s.processing(A)).isEmpty();
        // the cluster takes new work at once
        assertThat(s.handle(new UpdateGraph(ONE, List.of(spec("x", 0)), List.of(k("x")), "g3"))).hasSize(1);
    }

    @Test
    void aDatasetHeldAsAClientOfItsOwnKeepsItsValueAfterThePublisherLeaves() {
        twoWorkers();
        s.handle(new UpdateGraph(ONE, List.of(spec("x", 0)), List.of(k("x")), "g1"));
        finish(A, "x");
        assertThat(s.handle(new UpdateGraph(DATASET, List.of(), List.of(k("x")), "publish")))
                .containsExactly(new ToClient(DATASET, new KeyInMemory(k("x"), 8, "java.lang.Long", List.of(A), "publish")));

        assertThat(s.handle(new RemoveClient(ONE, "gone"))).isEmpty();
        assertThat(s.whoHas(k("x"))).containsExactly(A);
        // another client gets it without recomputing
        assertThat(s.handle(new UpdateGraph(TWO, List.of(), List.of(k("x")), "get")))
                .containsExactly(new ToClient(TWO, new KeyInMemory(k("x"), 8, "java.lang.Long", List.of(A), "get")));
        assertThat(s.handle(new ReleaseKeys(TWO, List.of(k("x")), "r"))).isEmpty();

        assertThat(s.handle(new RemoveClient(DATASET, "unpublish"))).containsExactly(new ToWorker(A, new FreeKeys(List.of(k("x")), "unpublish")));
        assertThat(s.taskCount()).isZero();
    }

    @Test
    void replicateAsksEveryRunningWorkerWithoutACopyToFetchOne() {
        twoWorkers();
        s.handle(new AddWorker("tcp://c:1", "c", 1, 0, Map.of(), "add-c"));
        s.handle(new UpdateGraph(ONE, List.of(spec("x", 0), spec("y", 1)), List.of(k("x"), k("y")), "g1"));
        finish(A, "x");
        finish(B, "y");
        s.handle(new SchedulerEvent.WorkerStatusChanged("tcp://c:1", io.jdask.distributed.protocol.WorkerStatus.PAUSED, "pause-c"));

        assertThat(s.handle(new SchedulerEvent.Replicate(List.of(k("x"), k("y"), k("unknown")), "bc"))).containsExactly(
                new ToWorker(B, new io.jdask.distributed.protocol.SchedulerToWorker.AcquireReplicas(
                        List.of(new io.jdask.distributed.protocol.DependencyLocation(k("x"), List.of(A), 8)), "bc")),
                new ToWorker(A, new io.jdask.distributed.protocol.SchedulerToWorker.AcquireReplicas(
                        List.of(new io.jdask.distributed.protocol.DependencyLocation(k("y"), List.of(B), 8)), "bc")));
        assertThat(s.handle(new SchedulerEvent.AddReplicas(B, Map.of(k("x"), 8L), Long.MAX_VALUE, "copied"))).isEmpty();
        assertThat(s.whoHas(k("x"))).containsExactly(A, B);
    }

    @Test
    void hasWhatNamesEachWorkersValues() {
        twoWorkers();
        s.handle(new UpdateGraph(ONE, List.of(spec("x", 0), spec("y", 1)), List.of(k("x"), k("y")), "g1"));
        finish(A, "x");
        finish(B, "y");
        assertThat(s.hasWhat(A)).containsExactly(k("x"));
        assertThat(s.hasWhat(B)).containsExactly(k("y"));
        assertThat(s.hasWhat("tcp://nobody:1")).isEmpty();
    }
}
