package io.jdask.distributed.scheduler.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.scheduler.SchedulerServer;
import io.jdask.distributed.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A monitor registered on a real scheduler with two workers (threads of this JVM) and a client over TCP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MonitorClusterTest {
    @Test
    void withoutTheDashboardModuleTheSchedulerServesNone() throws Exception {
        // jdask-dashboard is not on this module's class path
        try (SchedulerServer s = SchedulerServer.builder().port(0).dashboardAddress("127.0.0.1:0").start()) {
            assertThat(s.dashboardLink()).isEmpty();
        }
    }

    @Test
    void aComputationShowsInTheSnapshots() throws Exception {
        ClusterMonitor monitor = ClusterMonitor.builder().publishInterval(Duration.ofMillis(20)).build();
        try (SchedulerServer s = SchedulerServer.builder().port(0).plugin(monitor).start()) {
            Worker w1 = Worker.builder().scheduler(s.address()).name("w1").nthreads(2).log(l -> { }).start();
            try (Worker w2 = Worker.builder().scheduler(s.address()).name("w2").nthreads(1).heartbeatInterval(Duration.ofMillis(50)).log(l -> { }).start();
                    Client client = Client.builder().address(s.address()).timeout(Duration.ofSeconds(30)).connect()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> monitor.snapshot().workers().size() == 2);
                assertThat(monitor.snapshot().scheduler()).isEqualTo(s.address());
                assertThat(client.dashboardLink()).isEmpty();

                List<Integer> items = IntStream.range(0, 300).boxed().toList();
                List<ClusterFuture<Integer>> fs = client.map((Integer i) -> i + 1, items);
                assertThat(client.gather(fs)).isEqualTo(items.stream().map(i -> i + 1).toList());

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    ClusterSnapshot snap = monitor.snapshot();
                    assertThat(snap.totals().tasksFinished()).isEqualTo(300);
                    assertThat(snap.taskStream()).hasSize(300);
                    assertThat(snap.prefixes()).singleElement().satisfies(p -> {
                        assertThat(p.finished()).isEqualTo(300);
                        assertThat(p.memory()).isEqualTo(300);
                        assertThat(p.total()).isEqualTo(300);
                    });
                    long done = snap.workers().stream().mapToLong(WorkerSnapshot::tasksFinished).sum();
                    assertThat(done).isEqualTo(300);
                    assertThat(snap.workers()).extracting(WorkerSnapshot::name).containsExactlyInAnyOrder("w1", "w2");
                    assertThat(snap.workers()).filteredOn(w -> w.name().equals("w2")).singleElement()
                            .satisfies(w -> assertThat(w.lastHeartbeatMillis()).isPositive());
                });
                fs.forEach(ClusterFuture::release);
                await().atMost(Duration.ofSeconds(20)).until(() -> monitor.snapshot().totals().tasks() == 0);

                w1.close();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    ClusterSnapshot snap = monitor.snapshot();
                    assertThat(snap.workers()).extracting(WorkerSnapshot::name).containsExactly("w2");
                    assertThat(snap.totals().workersLeft()).isEqualTo(1);
                    assertThat(snap.events()).anyMatch(e -> e.contains("worker w1") && e.contains("left"));
                });
            }
        }
    }
}
