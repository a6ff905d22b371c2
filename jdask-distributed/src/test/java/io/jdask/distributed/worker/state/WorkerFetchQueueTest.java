package io.jdask.distributed.worker.state;

import static io.jdask.distributed.worker.state.WorkerStateTest.ME;
import static io.jdask.distributed.worker.state.WorkerStateTest.P;
import static io.jdask.distributed.worker.state.WorkerStateTest.Q;
import static io.jdask.distributed.worker.state.WorkerStateTest.at;
import static io.jdask.distributed.worker.state.WorkerStateTest.compute;
import static io.jdask.distributed.worker.state.WorkerStateTest.execute;
import static io.jdask.distributed.worker.state.WorkerStateTest.k;
import static io.jdask.distributed.worker.state.WorkerStateTest.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.protocol.SchedulerToWorker.RefreshWhoHas;
import io.jdask.distributed.protocol.WorkerToScheduler.AddReplicas;
import io.jdask.distributed.protocol.WorkerToScheduler.MissingData;
import io.jdask.distributed.worker.state.WorkerEvent.ExecuteSuccess;
import io.jdask.distributed.worker.state.WorkerEvent.FetchDone;
import io.jdask.distributed.worker.state.WorkerEvent.FetchFailed;
import io.jdask.distributed.worker.state.WorkerEvent.FromScheduler;
import io.jdask.distributed.worker.state.WorkerInstruction.Fetch;
import io.jdask.distributed.worker.state.WorkerInstruction.Send;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a worker queues the keys it must fetch (per holding peer, most urgent first) and batches them. */
class WorkerFetchQueueTest {
    private static List<Fetch> fetches(List<WorkerInstruction> out) {
        return out.stream().filter(i -> i instanceof Fetch).map(i -> (Fetch) i).toList();
    }

    @Test
    void keysFromOnePeerGoInOneRequestUpToTheByteBound() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withFetchBatchBytes(25));
        // 10 + 10 fit in 25 bytes, the third would pass the bound: it waits for the next request
        assertThat(w.handle(compute("t", 0, at("a", 10, P), at("b", 10, P), at("c", 10, P), at("d", 1, P))))
                .containsExactly(new Fetch(P, List.of(k("a"), k("b")), "c-t"));
        assertThat(w.handle(new FetchDone(P, Map.of(k("a"), 10L, k("b"), 10L), List.of(), "f1"))).containsExactly(
                new Send(new AddReplicas(Map.of(k("a"), 10L, k("b"), 10L), 1, "f1")), new Fetch(P, List.of(k("c"), k("d")), "f1"));
        assertThat(w.handle(new FetchDone(P, Map.of(k("c"), 10L, k("d"), 1L), List.of(), "f2"))).containsExactly(
                new Send(new AddReplicas(Map.of(k("c"), 10L, k("d"), 1L), 1, "f2")), execute("t", "f2", "a", "b", "c", "d"));
        assertThat(w.fetchRequests()).isEqualTo(2);
        assertThat(w.keysFetched()).isEqualTo(4);
    }

    @Test
    void aKeyLargerThanTheBoundIsStillFetchedAlone() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withFetchBatchBytes(25));
        assertThat(w.handle(compute("t", 0, at("big", 100, P), at("small", 1, P))))
                .containsExactly(new Fetch(P, List.of(k("big")), "c-t"));
    }

    @Test
    void theMostUrgentKeyIsFetchedFirstWhateverTheOrderOfArrival() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withFetchBatchBytes(1));
        // x is asked for by a task with a late priority; P is then busy with it
        assertThat(fetches(w.handle(compute("late", 9, at("x", 1, P))))).containsExactly(new Fetch(P, List.of(k("x")), "c-late"));
        w.handle(compute("later", 8, at("y", 1, P)));
        w.handle(compute("soon", 1, at("z", 1, P)));
        // z's dependent runs before y's: z goes first, although y was queued earlier
        assertThat(fetches(w.handle(new FetchDone(P, Map.of(k("x"), 1L), List.of(), "f1")))).containsExactly(new Fetch(P, List.of(k("z")), "f1"));
        assertThat(fetches(w.handle(new FetchDone(P, Map.of(k("z"), 1L), List.of(), "f2")))).containsExactly(new Fetch(P, List.of(k("y")), "f2"));
    }

    @Test
    void aQueuedKeyMovesUpWhenAMoreUrgentTaskNeedsIt() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withFetchBatchBytes(1));
        w.handle(compute("first", 0, at("x", 1, P)));
        w.handle(compute("a", 5, at("y", 1, P)));
        w.handle(compute("b", 6, at("z", 1, P)));
        // z was behind y; a task with priority 2 now needs z too
        w.handle(compute("c", 2, at("z", 1, P)));
        assertThat(fetches(w.handle(new FetchDone(P, Map.of(k("x"), 1L), List.of(), "f1")))).containsExactly(new Fetch(P, List.of(k("z")), "f1"));
    }

    @Test
    void keysWaitingForABusyPeerAreFetchedFromAnotherHolderWhenItIsFree() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withFetchLimits(1, 4).withFetchBatchBytes(1));
        assertThat(fetches(w.handle(compute("t", 0, at("x", 1, P), at("y", 1, P, Q)))))
                .containsExactly(new Fetch(P, List.of(k("x")), "c-t"), new Fetch(Q, List.of(k("y")), "c-t"));
    }

    @Test
    void aFailedPeerLeavesItsQueueAndKeysHeldElsewhereMoveToTheOtherHolder() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withFetchLimits(1, 1).withFetchBatchBytes(1));
        assertThat(fetches(w.handle(compute("t", 0, at("x", 1, P), at("y", 1, P, Q), at("z", 1, P)))))
                .containsExactly(new Fetch(P, List.of(k("x")), "c-t"));
        // P is gone: x (in flight) and z are missing; y still has Q
        List<WorkerInstruction> out = w.handle(new FetchFailed(P, List.of(k("x")), "connection refused", "f1"));
        assertThat(out).contains(new Send(new MissingData(k("x"), P, "f1")), new Send(new MissingData(k("y"), P, "f1")),
                new Send(new MissingData(k("z"), P, "f1")));
        assertThat(fetches(out)).containsExactly(new Fetch(Q, List.of(k("y")), "f1"));
        assertThat(w.taskState(k("x"))).isEqualTo(WorkerTaskState.MISSING);
        assertThat(w.taskState(k("z"))).isEqualTo(WorkerTaskState.MISSING);
        // the scheduler names a new holder of z: it is queued under it and fetched when the overall limit allows
        w.handle(new FromScheduler(new RefreshWhoHas(k("z"), List.of(Q), "r1")));
        assertThat(w.taskState(k("z"))).isEqualTo(WorkerTaskState.FETCH);
        assertThat(fetches(w.handle(new FetchDone(Q, Map.of(k("y"), 1L), List.of(), "f2")))).containsExactly(new Fetch(Q, List.of(k("z")), "f2"));
    }

    @Test
    void manyKeysFromTwoPeersArriveInBoundedBatchesAndEveryTaskRuns() {
        // a sum tree's shape: each task needs one local and one remote input; validation checks the queues after every event
        WorkerState w = worker(WorkerConfig.of(ME, 1).withFetchBatchBytes(80));
        int n = 200;
        List<Fetch> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            started.addAll(fetches(w.handle(compute("t" + i, i, at("r" + i, 8, i % 2 == 0 ? P : Q)))));
        }
        int fetched = 0;
        int executed = 0;
        int guard = 0;
        while (!started.isEmpty() && guard++ < 10 * n) {
            Fetch f = started.remove(0);
            assertThat(f.keys().size()).isBetween(1, 10);
            Map<Key, Long> got = new java.util.HashMap<>();
            f.keys().forEach(key -> got.put(key, 8L));
            fetched += got.size();
            List<WorkerInstruction> out = new ArrayList<>(w.handle(new FetchDone(f.peer(), got, List.of(), "d" + guard)));
            for (int j = 0; j < out.size(); j++) {
                if (out.get(j) instanceof Fetch g) {
                    started.add(g);
                } else if (out.get(j) instanceof WorkerInstruction.Execute e) {
                    executed++;
                    out.addAll(w.handle(new ExecuteSuccess(e.key(), 8, "L", 1, "e" + e.key())));
                }
            }
        }
        assertThat(fetched).isEqualTo(n);
        assertThat(w.keysFetched()).isEqualTo(n);
        assertThat(executed).isEqualTo(n);
        // per peer: the first key alone (asked for as soon as its task came), then the other 99 in requests of 10 (80 bytes)
        assertThat(w.fetchRequests()).isEqualTo(2 * (1 + 10));
        assertThat(w.taskState(k("t" + (n - 1)))).isEqualTo(WorkerTaskState.MEMORY);
    }
}
