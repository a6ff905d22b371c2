package io.jdask.distributed.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jdask.distributed.protocol.DependencyLocation;
import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.protocol.Restrictions;
import io.jdask.distributed.protocol.SchedulerToClient.KeyCancelled;
import io.jdask.distributed.protocol.SchedulerToClient.KeyErred;
import io.jdask.distributed.protocol.SchedulerToClient.KeyInMemory;
import io.jdask.distributed.protocol.SchedulerToWorker.CloseWorker;
import io.jdask.distributed.protocol.SchedulerToWorker.ComputeTask;
import io.jdask.distributed.protocol.SchedulerToWorker.FreeKeys;
import io.jdask.distributed.protocol.SchedulerToWorker.RefreshWhoHas;
import io.jdask.distributed.protocol.SchedulerToWorker.StealRequest;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.scheduler.state.SchedulerEvent.AddReplicas;
import io.jdask.distributed.scheduler.state.SchedulerEvent.AddWorker;
import io.jdask.distributed.scheduler.state.SchedulerEvent.CancelKeys;
import io.jdask.distributed.scheduler.state.SchedulerEvent.Heartbeat;
import io.jdask.distributed.scheduler.state.SchedulerEvent.MissingData;
import io.jdask.distributed.scheduler.state.SchedulerEvent.ReleaseKeys;
import io.jdask.distributed.scheduler.state.SchedulerEvent.RemoveWorker;
import io.jdask.distributed.scheduler.state.SchedulerEvent.RetryKeys;
import io.jdask.distributed.scheduler.state.SchedulerEvent.StealResponse;
import io.jdask.distributed.scheduler.state.SchedulerEvent.TaskErred;
import io.jdask.distributed.scheduler.state.SchedulerEvent.TaskFinished;
import io.jdask.distributed.scheduler.state.SchedulerEvent.Tick;
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

class SchedulerStateTest {
    static final String A = "tcp://a:1";
    static final String B = "tcp://b:1";
    static final String C = "tcp://c:1";
    static final String CLIENT = "client-1";
    /** A worker report sent after it handled every scheduler message. */
    static final long ALL = Long.MAX_VALUE;

    final AtomicLong clock = new AtomicLong();
    int stimuli;

    SchedulerState state(SchedulerConfig config) {
        return new SchedulerState(config.withValidate(true), clock::get);
    }

    SchedulerState state() {
        return state(SchedulerConfig.defaults().withSaturation(Double.POSITIVE_INFINITY).withWorkStealing(false));
    }

    static Key k(String name) {
        return Key.of(name);
    }

    static Payload payload(String name) {
        return Payload.wrap(("run " + name).getBytes(StandardCharsets.UTF_8));
    }

    static TaskSpec spec(String name, int order, String... deps) {
        return TaskSpec.of(k(name), payload(name), java.util.Arrays.stream(deps).map(Key::of).toList(), order);
    }

    String sid() {
        return "s" + (++stimuli);
    }

    List<SchedulerInstruction> addWorker(SchedulerState s, String address, int nthreads) {
        return s.handle(new AddWorker(address, address.substring(6, 7), nthreads, 0, Map.of(), sid()));
    }

    List<SchedulerInstruction> submit(SchedulerState s, List<TaskSpec> tasks, String... wanted) {
        return s.handle(new UpdateGraph(CLIENT, tasks, java.util.Arrays.stream(wanted).map(Key::of).toList(), sid()));
    }

    List<SchedulerInstruction> finish(SchedulerState s, String worker, String key, long nbytes) {
        return s.handle(new TaskFinished(worker, k(key), nbytes, "java.lang.Integer", 1_000_000, ALL, sid()));
    }

    static ToWorker compute(String worker, String key, Priority p, List<DependencyLocation> deps, String stimulus) {
        return new ToWorker(worker, new ComputeTask(k(key), payload(key), p, deps, Map.of(), stimulus));
    }

    static ToWorker compute(String worker, String key, Priority p, String stimulus) {
        return compute(worker, key, p, List.of(), stimulus);
    }

    static ToClient inMemory(String worker, String key, long nbytes, String stimulus) {
        return new ToClient(CLIENT, new KeyInMemory(k(key), nbytes, "java.lang.Integer", List.of(worker), stimulus));
    }

    @Test
    void aTaskGoesWhereItsLargestInputAlreadyIs() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        addWorker(s, B, 1);
        assertThat(submit(s, List.of(spec("x", 0), spec("y", 1)), "x", "y")).containsExactly(
                compute(A, "x", new Priority(0, 0), "s3"),
                compute(B, "y", new Priority(0, 1), "s3"));
        assertThat(finish(s, A, "x", 50_000_000)).containsExactly(inMemory(A, "x", 50_000_000, "s4"));
        assertThat(finish(s, B, "y", 10)).containsExactly(inMemory(B, "y", 10, "s5"));
        // z needs 50 MB from a and 10 bytes from b: it goes to a, although both are idle
        assertThat(submit(s, List.of(spec("z", 0, "x", "y")), "z")).containsExactly(
                compute(A, "z", new Priority(1, 0),
                        List.of(new DependencyLocation(k("x"), List.of(A), 50_000_000), new DependencyLocation(k("y"), List.of(B), 10)), "s6"));
    }

    @Test
    void rootTasksWaitInTheSchedulerQueueUntilAWorkerHasAFreeSlot() {
        SchedulerState s = state(SchedulerConfig.defaults().withSaturation(1.0).withWorkStealing(false));
        addWorker(s, A, 1);
        assertThat(submit(s, List.of(spec("r2", 2), spec("r0", 0), spec("r1", 1)), "r0", "r1", "r2"))
                .containsExactly(compute(A, "r0", new Priority(0, 0), "s2"));
        assertThat(s.queuedKeys()).containsExactly(k("r1"), k("r2"));
        assertThat(s.taskState(k("r1"))).isEqualTo(TaskState.QUEUED);
        assertThat(finish(s, A, "r0", 8)).containsExactly(inMemory(A, "r0", 8, "s3"), compute(A, "r1", new Priority(0, 1), "s3"));
        // a second worker takes the rest of the queue at once
        assertThat(addWorker(s, B, 1)).containsExactly(compute(B, "r2", new Priority(0, 2), "s4"));
        assertThat(s.queuedKeys()).isEmpty();
    }

    @Test
    void rootTasksKnownToBeShortQueueDeeperOnAWorkerUpToABound() {
        SchedulerState s = state(SchedulerConfig.defaults().withSaturation(1.0).withWorkStealing(false));
        addWorker(s, A, 1);
        List<TaskSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            specs.add(TaskSpec.of(Key.of("inc", i), payload("inc" + i), List.of(), i));
        }
        s.handle(new UpdateGraph(CLIENT, specs, specs.stream().map(TaskSpec::key).toList(), sid()));
        // nothing is known about the prefix yet: the plain saturation, one task
        assertThat(s.queuedKeys()).hasSize(99);
        // the first took 10 us: 5 ms of such work would be 500 tasks, the bound is 64 per thread
        List<SchedulerInstruction> out = s.handle(new TaskFinished(A, Key.of("inc", 0), 8, "java.lang.Integer", 10_000, ALL, "s3"));
        assertThat(out).hasSize(1 + 64);
        assertThat(out.get(0)).isEqualTo(new ToClient(CLIENT, new KeyInMemory(Key.of("inc", 0), 8, "java.lang.Integer", List.of(A), "s3")));
        for (int i = 1; i <= 64; i++) {
            assertThat(out.get(i)).isEqualTo(new ToWorker(A, new ComputeTask(Key.of("inc", i), payload("inc" + i), new Priority(0, i), List.of(), Map.of(), "s3")));
        }
        assertThat(s.queuedKeys()).hasSize(35).first().isEqualTo(Key.of("inc", 65));
        // a task of 2 ms brings the mean to ~1 ms: 4 slots, and the worker still holds 63, so nothing more goes out
        assertThat(s.handle(new TaskFinished(A, Key.of("inc", 1), 8, "java.lang.Integer", 2_000_000, ALL, "s4")))
                .containsExactly(new ToClient(CLIENT, new KeyInMemory(Key.of("inc", 1), 8, "java.lang.Integer", List.of(A), "s4")));
        assertThat(s.queuedKeys()).hasSize(35);
    }

    @Test
    void earlierGraphsComeFirstInTheQueue() {
        SchedulerState s = state(SchedulerConfig.defaults().withSaturation(1.0).withWorkStealing(false));
        addWorker(s, A, 1);
        submit(s, List.of(spec("a0", 0), spec("a1", 1)), "a0", "a1");
        submit(s, List.of(spec("b0", 0)), "b0");
        assertThat(s.queuedKeys()).containsExactly(k("a1"), k("b0"));
        assertThat(finish(s, A, "a0", 1)).containsExactly(inMemory(A, "a0", 1, "s4"), compute(A, "a1", new Priority(0, 1), "s4"));
    }

    @Test
    void anIdleWorkerStealsTasksThatHaveNotStartedWorstPriorityFirst() {
        SchedulerState s = state(SchedulerConfig.defaults().withSaturation(Double.POSITIVE_INFINITY));
        addWorker(s, A, 1);
        submit(s, List.of(spec("t0", 0), spec("t1", 1), spec("t2", 2)), "t0", "t1", "t2");
        assertThat(s.processing(A)).containsExactly(k("t0"), k("t1"), k("t2"));
        addWorker(s, B, 1);
        assertThat(s.handle(new Tick("tick-1"))).containsExactly(new ToWorker(A, new StealRequest(k("t2"), "tick-1")));
        // a second tick does not ask again while the answer is pending
        assertThat(s.handle(new Tick("tick-2"))).isEmpty();
        assertThat(s.handle(new StealResponse(A, k("t2"), true, "s9")))
                .containsExactly(compute(B, "t2", new Priority(0, 2), "s9"));
        assertThat(s.processingOn(k("t2"))).contains(B);
        assertThat(s.story(k("t2"))).extracting(StoryEntry::note).contains("stolen from " + A + " by " + B);
    }

    @Test
    void aRefusedStealLeavesTheTaskWhereItIs() {
        SchedulerState s = state(SchedulerConfig.defaults().withSaturation(Double.POSITIVE_INFINITY));
        addWorker(s, A, 1);
        submit(s, List.of(spec("t0", 0), spec("t1", 1)), "t0", "t1");
        addWorker(s, B, 1);
        assertThat(s.handle(new Tick("tick"))).containsExactly(new ToWorker(A, new StealRequest(k("t1"), "tick")));
        assertThat(s.handle(new StealResponse(A, k("t1"), false, "s9"))).isEmpty();
        assertThat(s.processingOn(k("t1"))).contains(A);
    }

    @Test
    void stealingIsNotWorthItWhenMovingTheInputsCostsMoreThanComputing() {
        SchedulerState s = state(SchedulerConfig.defaults().withSaturation(Double.POSITIVE_INFINITY).withBandwidth(1e6));
        addWorker(s, A, 1);
        submit(s, List.of(spec("x", 0)), "x");
        finish(s, A, "x", 100_000_000); // 100 s to move at 1 MB/s
        submit(s, List.of(spec("y0", 0, "x"), spec("y1", 1, "x")), "y0", "y1");
        addWorker(s, B, 1);
        assertThat(s.handle(new Tick("tick"))).isEmpty();
    }

    @Test
    void aLostWorkersTasksAreRescheduledAndItsDataRecomputedFromLineage() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        addWorker(s, B, 1);
        submit(s, List.of(spec("x", 0), spec("y", 1, "x")), "y");
        assertThat(s.processingOn(k("x"))).contains(A);
        // y goes where its input is
        assertThat(finish(s, A, "x", 8)).containsExactly(
                compute(A, "y", new Priority(0, 1), List.of(new DependencyLocation(k("x"), List.of(A), 8)), "s" + stimuli));
        // a dies: y is rescheduled; x, which only a held and y needs, is recomputed first (from its lineage) on b
        assertThat(s.handle(new RemoveWorker(A, "connection lost", "lost"))).containsExactly(compute(B, "x", new Priority(0, 0), "lost"));
        assertThat(s.taskState(k("y"))).isEqualTo(TaskState.WAITING);
        assertThat(finish(s, B, "x", 8)).containsExactly(
                compute(B, "y", new Priority(0, 1), List.of(new DependencyLocation(k("x"), List.of(B), 8)), "s" + stimuli));
        assertThat(s.story(k("x"))).extracting(StoryEntry::note).contains("only copy was on " + A + ", connection lost");
        assertThat(s.story(k("y"))).extracting(StoryEntry::note).contains(A + " died: connection lost");
    }

    @Test
    void aProcessingDependentOfLostDataIsReleasedOnItsWorkerAndWaitsAgain() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        addWorker(s, B, 1);
        submit(s, List.of(spec("x", 0)), "x");
        finish(s, A, "x", 8);
        // y restricted to b, so it must fetch x from a
        TaskSpec y = new TaskSpec(k("y"), payload("y"), List.of(k("x")), 0, Restrictions.toWorkers(B), 0);
        assertThat(s.handle(new UpdateGraph(CLIENT, List.of(y), List.of(k("y")), "g"))).containsExactly(
                new ToWorker(B, new ComputeTask(k("y"), payload("y"), new Priority(1, 0), List.of(new DependencyLocation(k("x"), List.of(A), 8)), Map.of(), "g")));
        assertThat(s.handle(new RemoveWorker(A, "connection lost", "lost"))).containsExactly(
                new ToWorker(B, new FreeKeys(List.of(k("y")), "lost")),
                compute(B, "x", new Priority(0, 0), "lost"));
        assertThat(s.taskState(k("y"))).isEqualTo(TaskState.WAITING);
        assertThat(finish(s, B, "x", 8)).containsExactly(
                inMemory(B, "x", 8, "s" + stimuli),
                new ToWorker(B, new ComputeTask(k("y"), payload("y"), new Priority(1, 0), List.of(new DependencyLocation(k("x"), List.of(B), 8)), Map.of(), "s" + stimuli)));
    }

    @Test
    void aTaskRunningOnThreeWorkersThatDiedErrsWithAKilledWorkerErrorNamingIt() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        addWorker(s, B, 1);
        addWorker(s, C, 1);
        submit(s, List.of(spec("bomb", 0)), "bomb");
        assertThat(s.processingOn(k("bomb"))).contains(A);
        assertThat(s.handle(new RemoveWorker(A, "died", "d1"))).containsExactly(compute(B, "bomb", new Priority(0, 0), "d1"));
        assertThat(s.handle(new RemoveWorker(B, "died", "d2"))).containsExactly(compute(C, "bomb", new Priority(0, 0), "d2"));
        List<SchedulerInstruction> last = s.handle(new RemoveWorker(C, "died", "d3"));
        assertThat(last).hasSize(1);
        KeyErred erred = (KeyErred) ((ToClient) last.get(0)).message();
        assertThat(erred.key()).isEqualTo(k("bomb"));
        assertThat(erred.error().exceptionType()).isEqualTo(ErrorInfo.KILLED_WORKER);
        assertThat(erred.error().message()).contains("bomb").contains("3 workers that died").contains(C);
        assertThat(s.taskState(k("bomb"))).isEqualTo(TaskState.ERRED);
    }

    @Test
    void cancellingARunningTaskTellsItsWorkerToDropItAndReleasesUnneededInputs() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        submit(s, List.of(spec("x", 0), spec("y", 1, "x")), "y");
        assertThat(s.taskState(k("x"))).isEqualTo(TaskState.PROCESSING);
        assertThat(s.handle(new CancelKeys(CLIENT, List.of(k("y")), "cancel"))).containsExactly(
                new ToClient(CLIENT, new KeyCancelled(k("y"), "cancel")),
                new ToWorker(A, new FreeKeys(List.of(k("x")), "cancel")));
        assertThat(s.taskCount()).isZero();
        // a late result of the cancelled task is dropped on its worker
        assertThat(finish(s, A, "x", 1)).containsExactly(new ToWorker(A, new FreeKeys(List.of(k("x")), "s" + stimuli)));
    }

    @Test
    void aFailedTaskIsRetriedAsOftenAsItsSpecSaysThenErrs() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        TaskSpec flaky = new TaskSpec(k("flaky"), payload("flaky"), List.of(), 0, Restrictions.NONE, 1);
        s.handle(new UpdateGraph(CLIENT, List.of(flaky, spec("after", 1, "flaky")), List.of(k("after")), "g"));
        ErrorInfo boom = ErrorInfo.of("java.io.IOException", "boom");
        assertThat(s.handle(new TaskErred(A, k("flaky"), boom, 5, ALL, "e1"))).containsExactly(
                new ToWorker(A, new FreeKeys(List.of(k("flaky")), "e1")),
                compute(A, "flaky", new Priority(0, 0), "e1"));
        assertThat(s.handle(new TaskErred(A, k("flaky"), boom, 5, ALL, "e2"))).containsExactly(
                new ToClient(CLIENT, new KeyErred(k("after"), k("flaky"), boom, "e2")));
        assertThat(s.taskState(k("flaky"))).isEqualTo(TaskState.ERRED);
        assertThat(s.taskState(k("after"))).isEqualTo(TaskState.ERRED);
        // the client retries: both run again
        assertThat(s.handle(new RetryKeys(CLIENT, List.of(k("after")), "retry"))).containsExactly(compute(A, "flaky", new Priority(0, 0), "retry"));
        finish(s, A, "flaky", 1);
        assertThat(s.taskState(k("after"))).isEqualTo(TaskState.PROCESSING);
    }

    @Test
    void restrictionsToWorkersAndResourcesAreHonoured() {
        SchedulerState s = state();
        addWorker(s, A, 4);
        s.handle(new AddWorker(B, "b", 1, 0, Map.of(), sid()));
        TaskSpec onB = new TaskSpec(k("onB"), payload("onB"), List.of(), 0, Restrictions.toWorkers("b"), 0);
        TaskSpec gpu = new TaskSpec(k("gpu"), payload("gpu"), List.of(), 1, Restrictions.toResources(Map.of("GPU", 1.0)), 0);
        TaskSpec loose = new TaskSpec(k("loose"), payload("loose"), List.of(), 2, new Restrictions(java.util.Set.of("nowhere"), Map.of(), true), 0);
        assertThat(s.handle(new UpdateGraph(CLIENT, List.of(onB, gpu, loose), List.of(k("onB"), k("gpu"), k("loose")), "g"))).containsExactly(
                new ToWorker(B, new ComputeTask(k("onB"), payload("onB"), new Priority(0, 0), List.of(), Map.of(), "g")),
                new ToWorker(A, new ComputeTask(k("loose"), payload("loose"), new Priority(0, 2), List.of(), Map.of(), "g")));
        assertThat(s.taskState(k("gpu"))).isEqualTo(TaskState.NO_WORKER);
        assertThat(s.handle(new AddWorker(C, "c", 1, 0, Map.of("GPU", 2.0), "gpu-joins"))).containsExactly(
                new ToWorker(C, new ComputeTask(k("gpu"), payload("gpu"), new Priority(0, 1), List.of(), Map.of("GPU", 1.0), "gpu-joins")));
    }

    @Test
    void aPausedWorkerGetsNoNewTasksUntilItResumes() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        s.handle(new WorkerStatusChanged(A, WorkerStatus.PAUSED, "pause"));
        assertThat(submit(s, List.of(spec("x", 0)), "x")).isEmpty();
        assertThat(s.taskState(k("x"))).isEqualTo(TaskState.NO_WORKER);
        assertThat(s.handle(new WorkerStatusChanged(A, WorkerStatus.RUNNING, "resume"))).containsExactly(compute(A, "x", new Priority(0, 0), "resume"));
    }

    @Test
    void keysNoClientWantsAreForgottenAndTheirDataFreed() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        submit(s, List.of(spec("x", 0), spec("y", 1, "x")), "y");
        // x is freed as soon as y, its only user, is done
        assertThat(finish(s, A, "x", 1)).containsExactly(compute(A, "y", new Priority(0, 1), List.of(new DependencyLocation(k("x"), List.of(A), 1)), "s" + stimuli));
        assertThat(finish(s, A, "y", 1)).containsExactly(inMemory(A, "y", 1, "s" + stimuli), new ToWorker(A, new FreeKeys(List.of(k("x")), "s" + stimuli)));
        assertThat(s.taskState(k("x"))).isEqualTo(TaskState.RELEASED); // kept as lineage of y
        assertThat(s.handle(new ReleaseKeys(CLIENT, List.of(k("y")), "bye"))).containsExactly(new ToWorker(A, new FreeKeys(List.of(k("y")), "bye")));
        assertThat(s.taskCount()).isZero();
        assertThat(s.story(k("x"))).extracting(StoryEntry::to).endsWith(TaskState.FORGOTTEN);
    }

    @Test
    void aSilentWorkerIsRemovedAtTheNextTickAfterTheHeartbeatTimeout() {
        SchedulerState s = state(SchedulerConfig.defaults().withSaturation(Double.POSITIVE_INFINITY).withWorkStealing(false).withHeartbeatTimeoutNanos(1_000));
        addWorker(s, A, 1);
        addWorker(s, B, 1);
        submit(s, List.of(spec("x", 0)), "x");
        clock.set(800);
        s.handle(new Heartbeat(B, 0, "hb"));
        clock.set(900);
        s.handle(new TaskFinished(A, k("other"), 1, "I", 1, ALL, "any message is a sign of life"));
        clock.set(1_500);
        assertThat(s.handle(new Tick("early"))).isEmpty();
        clock.set(1_950);
        s.handle(new Heartbeat(B, 0, "hb2"));
        clock.set(2_000);
        assertThat(s.handle(new Tick("tick"))).containsExactly(
                new ToWorker(A, new CloseWorker("no heartbeat for 0 ms", "tick")),
                compute(B, "x", new Priority(0, 0), "tick"));
        assertThat(s.workerAddresses()).containsExactly(B);
    }

    @Test
    void aMissingReplicaIsDroppedAndTheReporterToldWhereElseToLook() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        addWorker(s, B, 1);
        addWorker(s, C, 1);
        submit(s, List.of(spec("x", 0)), "x");
        finish(s, A, "x", 1);
        s.handle(new AddReplicas(B, Map.of(k("x"), 1L), ALL, sid()));
        assertThat(s.whoHas(k("x"))).containsExactly(A, B);
        assertThat(s.handle(new MissingData(C, k("x"), A, "miss"))).containsExactly(
                new ToWorker(A, new FreeKeys(List.of(k("x")), "miss")),
                new ToWorker(C, new RefreshWhoHas(k("x"), List.of(B), "miss")));
        assertThat(s.whoHas(k("x"))).containsExactly(B);
    }

    @Test
    void durationsAreAveragedPerPrefix() {
        SchedulerState s = state();
        addWorker(s, A, 2);
        submit(s, List.of(spec("inc-1", 0), spec("inc-2", 1)), "inc-1", "inc-2");
        s.handle(new TaskFinished(A, k("inc-1"), 1, "I", 100, ALL, sid()));
        s.handle(new TaskFinished(A, k("inc-2"), 1, "I", 300, ALL, sid()));
        assertThat(s.prefixStats("inc")).contains(new PrefixStats("inc", 2, 200, 400));
    }

    @Test
    void tasksAreCountedPerPrefixAndStateOnEveryTransition() {
        SchedulerState s = state(SchedulerConfig.defaults().withSaturation(1.0).withWorkStealing(false));
        addWorker(s, A, 1);
        // load-i feeds sum-i; with one thread, one load runs and two wait in the root queue
        submit(s, List.of(spec("load-1", 0), spec("load-2", 1), spec("load-3", 2), spec("sum-1", 3, "load-1"), spec("sum-2", 4, "load-2"),
                spec("sum-3", 5, "load-3")), "sum-1", "sum-2", "sum-3");
        long afterSubmit = s.transitionCount();
        assertThat(afterSubmit).isEqualTo(9); // 6 released -> waiting, 1 waiting -> processing, 2 waiting -> queued
        // in order of first appearance; the wanted sums set out first (transitions 1-3), their loads after (4-6)
        assertThat(s.prefixCounts()).containsExactly(new PrefixCounts("load", 0, 2, 0, 1, 0, 0, 0, 4), new PrefixCounts("sum", 3, 0, 0, 0, 0, 0, 0, 1));

        // load-1 in memory, sum-1 runs; loads are now known to be short (1 ms), so both queued ones go out too
        finish(s, A, "load-1", 8);
        assertThat(s.prefixCounts()).extracting(PrefixCounts::prefix, PrefixCounts::waiting, PrefixCounts::queued, PrefixCounts::processing,
                PrefixCounts::memory, PrefixCounts::finished).containsExactly(tuple("load", 0, 0, 2, 1, 1L), tuple("sum", 2, 0, 1, 0, 0L));
        for (String k : List.of("sum-1", "load-2", "sum-2", "load-3", "sum-3")) {
            finish(s, A, k, 8);
        }
        // the loads were released once their sums no longer needed them: finished, not live
        assertThat(s.prefixCounts()).containsExactly(new PrefixCounts("load", 0, 0, 0, 0, 0, 0, 3, 4),
                new PrefixCounts("sum", 0, 0, 0, 0, 3, 0, 3, 1));
        assertThat(s.prefixCounts().getFirst().live()).isFalse();

        // a new computation of a finished prefix restarts its count, and says when it set out
        long before = s.transitionCount();
        submit(s, List.of(spec("load-4", 0)), "load-4");
        PrefixCounts again = s.prefixCounts().getFirst();
        assertThat(again.finished()).isZero();
        assertThat(again.processing()).isEqualTo(1);
        assertThat(again.startedAt()).isEqualTo(before + 1);
        // a prefix still live keeps counting across submissions
        submit(s, List.of(spec("sum-4", 1, "load-4")), "sum-4");
        assertThat(s.prefixCounts().get(1).finished()).isEqualTo(3);
        assertThat(s.prefixCounts().get(1).startedAt()).isEqualTo(1);
    }

    @Test
    void aTransitionOutsideTheTableFailsWithTheTasksStory() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        submit(s, List.of(spec("x", 0)), "x");
        STask x = s.tasks.get(k("x"));
        assertThatThrownBy(() -> s.transition(x, TaskState.QUEUED, Cause.NONE))
                .isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("no transition PROCESSING -> QUEUED for task x")
                .hasMessageContaining("x: RELEASED -> WAITING")
                .hasMessageContaining("x: WAITING -> PROCESSING (");
    }

    @Test
    void aMissingDependencyErrsTheTaskWithAClearMessage() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        List<SchedulerInstruction> out = submit(s, List.of(spec("y", 0, "ghost")), "y");
        assertThat(out).hasSize(1);
        KeyErred e = (KeyErred) ((ToClient) out.get(0)).message();
        assertThat(e.error().message()).contains("ghost");
    }

    @Test
    void aCopyFetchedBeforeTheLossIsUsedAndTheRecomputingWorkerLeftToFinish() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        submit(s, List.of(spec("x", 0)), "x");
        finish(s, A, "x", 8);
        addWorker(s, B, 1);
        addWorker(s, C, 1);
        assertThat(s.handle(new RemoveWorker(A, "killed", "kill"))).containsExactly(compute(B, "x", new Priority(0, 0), "kill"));
        // c had fetched x from a before a died; its report arrives now
        assertThat(s.handle(new AddReplicas(C, Map.of(k("x"), 8L), ALL, "late"))).containsExactly(inMemory(C, "x", 8, "late"));
        assertThat(s.whoHas(k("x"))).containsExactly(C);
        // b is not told to drop x (that could cross its result); its result becomes a replica
        assertThat(finish(s, B, "x", 8)).isEmpty();
        assertThat(s.whoHas(k("x"))).containsExactly(C, B);
    }

    @Test
    void aResultThatCrossedAFreeKeysIsIgnoredBecauseTheWorkerDropsIt() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        addWorker(s, B, 1);
        submit(s, List.of(spec("x", 0)), "x");              // ComputeTask x -> a (a's message 1)
        assertThat(s.handle(new CancelKeys(CLIENT, List.of(k("x")), "cancel")))   // FreeKeys x -> a (message 2)
                .containsExactly(new ToClient(CLIENT, new KeyCancelled(k("x"), "cancel")), new ToWorker(A, new FreeKeys(List.of(k("x")), "cancel")));
        submit(s, List.of(spec("x", 0)), "x");              // x again -> a (message 3)
        assertThat(s.processingOn(k("x"))).contains(A);
        // a finished the first run after handling only message 1: it will drop that value on message 2
        assertThat(s.handle(new TaskFinished(A, k("x"), 8, "I", 5, 1, "crossed"))).isEmpty();
        assertThat(s.taskState(k("x"))).isEqualTo(TaskState.PROCESSING);
        assertThat(s.story(k("x"))).extracting(StoryEntry::note).contains("stale report from " + A + " ignored (it crossed a FreeKeys)");
        // the second run's result counts
        assertThat(s.handle(new TaskFinished(A, k("x"), 8, "I", 5, 3, "second")))
                .containsExactly(new ToClient(CLIENT, new KeyInMemory(k("x"), 8, "I", List.of(A), "second")));
    }

    @Test
    void aCycleErrsTheTasksOnItAndThoseThatDependOnItButNotTheRest() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        List<SchedulerInstruction> out = submit(s, List.of(spec("a", 0, "c"), spec("b", 1, "a"), spec("c", 2, "b"), spec("d", 3, "c"), spec("ok", 4)), "d", "ok");
        assertThat(out).hasSize(2);
        KeyErred d = (KeyErred) ((ToClient) out.get(0)).message();
        assertThat(d.key()).isEqualTo(k("d"));
        assertThat(d.error().exceptionType()).isEqualTo("io.jdask.distributed.CyclicGraph");
        assertThat(out.get(1)).isEqualTo(compute(A, "ok", new Priority(0, 4), "s" + stimuli));
        assertThat(s.taskState(k("a"))).isEqualTo(TaskState.ERRED);
    }

    @Test
    void aRetiringWorkerHandsItsUniqueDataOverBeforeItIsClosed() {
        SchedulerState s = state();
        addWorker(s, A, 1);
        submit(s, List.of(spec("x", 0), spec("y", 1)), "x", "y");
        finish(s, A, "x", 8);
        addWorker(s, B, 1);
        addWorker(s, C, 1);
        s.handle(new AddReplicas(C, Map.of(k("x"), 8L), ALL, sid())); // x is also on c; y still runs on a
        assertThat(s.handle(new SchedulerEvent.RetireWorker(A, "retire"))).isEmpty();
        assertThat(s.workerStatus(A)).contains(WorkerStatus.CLOSING_GRACEFULLY);
        // y finishes on a: only a holds it, so the worker holding fewest values fetches a copy
        assertThat(finish(s, A, "y", 4)).containsExactly(
                inMemory(A, "y", 4, "s" + stimuli),
                new ToWorker(B, new SchedulerToWorker.AcquireReplicas(List.of(new DependencyLocation(k("y"), List.of(A), 4)), "s" + stimuli)));
        assertThat(s.handle(new AddReplicas(B, Map.of(k("y"), 4L), ALL, "copied"))).containsExactly(
                new ToWorker(A, new CloseWorker("retired", "copied")));
        assertThat(s.workerAddresses()).containsExactly(B, C);
        assertThat(s.whoHas(k("x"))).containsExactly(C);
        assertThat(s.whoHas(k("y"))).containsExactly(B);
        assertThat(s.story(k("y"))).extracting(StoryEntry::to).doesNotContain(TaskState.RELEASED);
    }
}
