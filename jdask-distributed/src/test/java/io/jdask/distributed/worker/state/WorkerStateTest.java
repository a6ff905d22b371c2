package io.jdask.distributed.worker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.protocol.DependencyLocation;
import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.SchedulerToWorker.CloseWorker;
import io.jdask.distributed.protocol.SchedulerToWorker.ComputeTask;
import io.jdask.distributed.protocol.SchedulerToWorker.FreeKeys;
import io.jdask.distributed.protocol.SchedulerToWorker.RefreshWhoHas;
import io.jdask.distributed.protocol.SchedulerToWorker.RestartWorker;
import io.jdask.distributed.protocol.SchedulerToWorker.StealRequest;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.protocol.WorkerToScheduler.AddReplicas;
import io.jdask.distributed.protocol.WorkerToScheduler.MissingData;
import io.jdask.distributed.protocol.WorkerToScheduler.StatusChanged;
import io.jdask.distributed.protocol.WorkerToScheduler.StealResponse;
import io.jdask.distributed.protocol.WorkerToScheduler.TaskErred;
import io.jdask.distributed.protocol.WorkerToScheduler.TaskFinished;
import io.jdask.distributed.worker.state.WorkerEvent.ExecuteFailure;
import io.jdask.distributed.worker.state.WorkerEvent.ExecuteSuccess;
import io.jdask.distributed.worker.state.WorkerEvent.FetchDone;
import io.jdask.distributed.worker.state.WorkerEvent.FetchFailed;
import io.jdask.distributed.worker.state.WorkerEvent.FromScheduler;
import io.jdask.distributed.worker.state.WorkerEvent.MemoryUsage;
import io.jdask.distributed.worker.state.WorkerInstruction.Discard;
import io.jdask.distributed.worker.state.WorkerInstruction.Execute;
import io.jdask.distributed.worker.state.WorkerInstruction.Fetch;
import io.jdask.distributed.worker.state.WorkerInstruction.Interrupt;
import io.jdask.distributed.worker.state.WorkerInstruction.Send;
import io.jdask.graph.Key;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerStateTest {
    static final String ME = "tcp://me:1";
    static final String P = "tcp://p:1";
    static final String Q = "tcp://q:1";

    static Key k(String name) {
        return Key.of(name);
    }

    static Payload payload(String name) {
        return Payload.wrap(name.getBytes(StandardCharsets.UTF_8));
    }

    static WorkerState worker(WorkerConfig config) {
        return new WorkerState(config.withValidate(true), () -> 0L);
    }

    static FromScheduler compute(String key, int order, Map<String, Double> resources, DependencyLocation... deps) {
        return new FromScheduler(new ComputeTask(k(key), payload(key), new Priority(0, order), List.of(deps), resources, "c-" + key));
    }

    static FromScheduler compute(String key, int order, DependencyLocation... deps) {
        return compute(key, order, Map.of(), deps);
    }

    static DependencyLocation at(String key, long nbytes, String... workers) {
        return new DependencyLocation(k(key), List.of(workers), nbytes);
    }

    static Execute execute(String key, String stimulus, String... deps) {
        return new Execute(k(key), payload(key), java.util.Arrays.stream(deps).map(Key::of).toList(), stimulus);
    }

    @Test
    void aTaskWithoutDependenciesRunsAndIsReported() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        assertThat(w.handle(compute("x", 0))).containsExactly(execute("x", "c-x"));
        assertThat(w.handle(new ExecuteSuccess(k("x"), 8, "java.lang.Long", 42, "done")))
                .containsExactly(new Send(new TaskFinished(k("x"), 8, "java.lang.Long", 42, 1, "done")));
        assertThat(w.inMemory()).containsExactly(k("x"));
    }

    @Test
    void readyTasksRunByPriorityOnAsManyThreadsAsThereAre() {
        WorkerState w = worker(WorkerConfig.of(ME, 2));
        assertThat(w.handle(compute("c", 2))).containsExactly(execute("c", "c-c"));
        assertThat(w.handle(compute("b", 1))).containsExactly(execute("b", "c-b"));
        assertThat(w.handle(compute("z", 9))).isEmpty();
        assertThat(w.handle(compute("a", 0))).isEmpty();
        assertThat(w.handle(new ExecuteSuccess(k("c"), 1, "I", 1, "s")))
                .containsExactly(new Send(new TaskFinished(k("c"), 1, "I", 1, 4, "s")), execute("a", "s"));
    }

    @Test
    void dependenciesAreFetchedInBatchesPerPeerWithinTheLimits() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withFetchLimits(1, 2));
        assertThat(w.handle(compute("t", 0, at("x", 10, P), at("y", 10, P, Q), at("z", 10, Q)))).containsExactly(
                new Fetch(P, List.of(k("x"), k("y")), "c-t"),
                new Fetch(Q, List.of(k("z")), "c-t"));
        assertThat(w.taskState(k("y"))).isEqualTo(WorkerTaskState.FLIGHT);
        assertThat(w.handle(new FetchDone(P, Map.of(k("x"), 10L, k("y"), 10L), List.of(), "f1")))
                .containsExactly(new Send(new AddReplicas(Map.of(k("x"), 10L, k("y"), 10L), 1, "f1")));
        assertThat(w.handle(new FetchDone(Q, Map.of(k("z"), 10L), List.of(), "f2")))
                .containsExactly(new Send(new AddReplicas(Map.of(k("z"), 10L), 1, "f2")), execute("t", "f2", "x", "y", "z"));
    }

    @Test
    void theOverallFetchLimitHoldsBackFurtherPeers() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withFetchLimits(1, 1));
        assertThat(w.handle(compute("t", 0, at("x", 10, P), at("z", 10, Q)))).containsExactly(new Fetch(P, List.of(k("x")), "c-t"));
        assertThat(w.handle(new FetchDone(P, Map.of(k("x"), 10L), List.of(), "f1")))
                .containsExactly(new Send(new AddReplicas(Map.of(k("x"), 10L), 1, "f1")), new Fetch(Q, List.of(k("z")), "f1"));
    }

    @Test
    void aPeerWithoutTheDataIsReportedAndTheNextHolderTried() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        assertThat(w.handle(compute("t", 0, at("x", 10, P, Q)))).containsExactly(new Fetch(P, List.of(k("x")), "c-t"));
        assertThat(w.handle(new FetchDone(P, Map.of(), List.of(k("x")), "f1")))
                .containsExactly(new Send(new MissingData(k("x"), P, "f1")), new Fetch(Q, List.of(k("x")), "f1"));
        assertThat(w.handle(new FetchFailed(Q, List.of(k("x")), "connection refused", "f2")))
                .containsExactly(new Send(new MissingData(k("x"), Q, "f2")));
        assertThat(w.taskState(k("x"))).isEqualTo(WorkerTaskState.MISSING);
        assertThat(w.handle(new FromScheduler(new RefreshWhoHas(k("x"), List.of("tcp://r:1"), "refresh"))))
                .containsExactly(new Fetch("tcp://r:1", List.of(k("x")), "refresh"));
    }

    @Test
    void aWorkerPausesAboveItsMemoryFractionAndResumesBelowIt() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withMemoryLimit(1000));
        assertThat(w.handle(new MemoryUsage(900, "m1"))).containsExactly(new Send(new StatusChanged(WorkerStatus.PAUSED, "m1")));
        assertThat(w.handle(compute("x", 0))).isEmpty();
        assertThat(w.paused()).isTrue();
        assertThat(w.handle(new MemoryUsage(100, "m2"))).containsExactly(new Send(new StatusChanged(WorkerStatus.RUNNING, "m2")), execute("x", "m2"));
    }

    @Test
    void freeingARunningTaskInterruptsItAndDropsItsOutcome() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("x", 0));
        w.handle(compute("y", 1));
        assertThat(w.handle(new FromScheduler(new FreeKeys(List.of(k("x")), "free")))).containsExactly(new Interrupt(k("x"), "free"));
        assertThat(w.taskState(k("x"))).isEqualTo(WorkerTaskState.CANCELLED);
        // the thread is still busy until the interrupted run ends
        assertThat(w.executingKeys()).containsExactly(k("x"));
        assertThat(w.handle(new ExecuteFailure(k("x"), ErrorInfo.of("java.lang.InterruptedException", ""), 3, "ended")))
                .containsExactly(execute("y", "ended"));
        assertThat(w.taskState(k("x"))).isEqualTo(WorkerTaskState.FORGOTTEN);
    }

    @Test
    void aCancelledTaskThatFinishesAnywayHasItsValueDiscarded() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("x", 0));
        w.handle(new FromScheduler(new FreeKeys(List.of(k("x")), "free")));
        assertThat(w.handle(new ExecuteSuccess(k("x"), 1, "I", 1, "late"))).containsExactly(new Discard(List.of(k("x")), "late"));
        assertThat(w.taskCount()).isZero();
    }

    @Test
    void aCancelledTaskAskedForAgainKeepsItsRun() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("x", 0));
        w.handle(new FromScheduler(new FreeKeys(List.of(k("x")), "free")));
        assertThat(w.handle(compute("x", 0))).isEmpty();
        assertThat(w.handle(new ExecuteSuccess(k("x"), 1, "I", 1, "done"))).containsExactly(new Send(new TaskFinished(k("x"), 1, "I", 1, 3, "done")));
    }

    @Test
    void onlyTasksThatHaveNotStartedCanBeStolen() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("x", 0));
        w.handle(compute("y", 1));
        assertThat(w.handle(new FromScheduler(new StealRequest(k("x"), "s1")))).containsExactly(new Send(new StealResponse(k("x"), false, "s1")));
        assertThat(w.handle(new FromScheduler(new StealRequest(k("y"), "s2")))).containsExactly(new Send(new StealResponse(k("y"), true, "s2")));
        assertThat(w.taskState(k("y"))).isEqualTo(WorkerTaskState.FORGOTTEN);
    }

    @Test
    void stealingAWaitingTaskReleasesTheDependenciesOnlyItNeeded() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("t", 0, at("x", 10, P), at("y", 10, Q)));
        w.handle(new FetchDone(P, Map.of(k("x"), 10L), List.of(), "f1"));
        assertThat(w.handle(new FromScheduler(new StealRequest(k("t"), "steal")))).containsExactly(new Send(new StealResponse(k("t"), true, "steal")));
        // x was reported to the scheduler, so it stays until the scheduler frees it; y arrives unwanted and is dropped
        assertThat(w.taskState(k("x"))).isEqualTo(WorkerTaskState.MEMORY);
        assertThat(w.handle(new FetchDone(Q, Map.of(k("y"), 10L), List.of(), "f2"))).containsExactly(new Discard(List.of(k("y")), "f2"));
        assertThat(w.handle(new FromScheduler(new FreeKeys(List.of(k("x")), "free")))).containsExactly(new Discard(List.of(k("x")), "free"));
        assertThat(w.taskCount()).isZero();
    }

    @Test
    void resourcesLimitHowManyRestrictedTasksRunAtOnce() {
        WorkerState w = worker(WorkerConfig.of(ME, 2).withResources(Map.of("GPU", 1.0)));
        assertThat(w.handle(compute("g1", 0, Map.of("GPU", 1.0)))).containsExactly(execute("g1", "c-g1"));
        assertThat(w.handle(compute("g2", 1, Map.of("GPU", 1.0)))).isEmpty();
        assertThat(w.handle(compute("cpu", 2))).containsExactly(execute("cpu", "c-cpu"));
        assertThat(w.handle(new ExecuteSuccess(k("g1"), 1, "I", 1, "done")))
                .containsExactly(new Send(new TaskFinished(k("g1"), 1, "I", 1, 3, "done")), execute("g2", "done"));
    }

    @Test
    void aFailureIsReportedAndForgotten() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("x", 0));
        ErrorInfo boom = ErrorInfo.of("java.lang.ArithmeticException", "/ by zero");
        assertThat(w.handle(new ExecuteFailure(k("x"), boom, 5, "boom"))).containsExactly(new Send(new TaskErred(k("x"), boom, 5, 1, "boom")));
        assertThat(w.taskCount()).isZero();
        assertThat(w.story(k("x"))).extracting(WorkerStoryEntry::to)
                .containsExactly(WorkerTaskState.READY, WorkerTaskState.EXECUTING, WorkerTaskState.ERROR, WorkerTaskState.RELEASED, WorkerTaskState.FORGOTTEN);
    }

    @Test
    void aComputeRequestForAValueAlreadyHereIsAnsweredAtOnce() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("t", 0, at("x", 10, P)));
        w.handle(new FetchDone(P, Map.of(k("x"), 10L), List.of(), "f"));
        assertThat(w.handle(compute("x", 0))).containsExactly(new Send(new TaskFinished(k("x"), 10, "", -1, 2, "c-x")));
    }

    @Test
    void closeIsPassedOn() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        assertThat(w.handle(new FromScheduler(new CloseWorker("bye", "close")))).containsExactly(new WorkerInstruction.Close("bye", "close"));
    }

    @Test
    void restartIsPassedOnWithTheStatusToReportWhenTheProcessStays() {
        WorkerState w = worker(WorkerConfig.of(ME, 1).withMemoryLimit(1000));
        assertThat(w.handle(new FromScheduler(new RestartWorker("r1"))))
                .containsExactly(new WorkerInstruction.Restart(new StatusChanged(WorkerStatus.RUNNING, "r1"), "r1"));
        w.handle(new MemoryUsage(900, "m1"));
        assertThat(w.handle(new FromScheduler(new RestartWorker("r2"))))
                .containsExactly(new WorkerInstruction.Restart(new StatusChanged(WorkerStatus.PAUSED, "r2"), "r2"));
    }

    @Test
    void anImpossibleTransitionFailsWithTheStory() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("x", 0));
        w.tasks.get(k("x")).state = WorkerTaskState.ERROR; // corrupt it on purpose
        assertThatThrownBy(() -> w.handle(compute("x", 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("compute request in state ERROR for key x")
                .hasMessageContaining("x: READY -> EXECUTING");
    }

    @Test
    void aValueFreedWhileARunningTaskReadsItIsDiscardedWhenTheRunEnds() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("x", 0));
        w.handle(new ExecuteSuccess(k("x"), 1, "I", 1, "x-done"));
        assertThat(w.handle(compute("y", 1, at("x", 1, ME)))).containsExactly(execute("y", "c-y", "x"));
        assertThat(w.handle(new FromScheduler(new FreeKeys(List.of(k("x")), "free")))).isEmpty();
        assertThat(w.taskState(k("x"))).isEqualTo(WorkerTaskState.MEMORY);
        assertThat(w.handle(new ExecuteSuccess(k("y"), 1, "I", 1, "y-done")))
                .containsExactly(new Send(new TaskFinished(k("y"), 1, "I", 1, 3, "y-done")), new Discard(List.of(k("x")), "y-done"));
        assertThat(w.inMemory()).containsExactly(k("y"));
    }

    @Test
    void requestedReplicasAreFetchedKeptAndReported() {
        WorkerState w = worker(WorkerConfig.of(ME, 1));
        w.handle(compute("x", 0));
        w.handle(new ExecuteSuccess(k("x"), 1, "I", 1, "done"));
        assertThat(w.handle(new FromScheduler(new SchedulerToWorker.AcquireReplicas(List.of(at("x", 1, P), at("y", 5, P), at("z", 5, Q)), "aq"))))
                .containsExactly(new Send(new AddReplicas(Map.of(k("x"), 1L), 2, "aq")), new Fetch(P, List.of(k("y")), "aq"), new Fetch(Q, List.of(k("z")), "aq"));
        assertThat(w.handle(new FetchDone(P, Map.of(k("y"), 5L), List.of(), "f1"))).containsExactly(new Send(new AddReplicas(Map.of(k("y"), 5L), 2, "f1")));
        assertThat(w.inMemory()).containsExactly(k("x"), k("y"));
        // the only holder of z is gone: the copy is given up, nothing waits for it
        assertThat(w.handle(new FetchFailed(Q, List.of(k("z")), "connection refused", "f2"))).containsExactly(new Send(new MissingData(k("z"), Q, "f2")));
        assertThat(w.taskState(k("z"))).isEqualTo(WorkerTaskState.FORGOTTEN);
    }
}
