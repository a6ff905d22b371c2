package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.Delayed;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.graph.Key;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The client's management calls against worker processes: run reaches each process, each
 * worker's logs are its own process's, a persisted value stays in a worker process, and a
 * retiring process hands its values to the other before it exits.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientManagementProcessTest {
    @Test
    void runLogsPersistAndRetireAcrossWorkerProcesses() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).start();
                Client client = cluster.client()) {
            // run: every worker process answers with its own pid
            Map<String, Long> pids = client.run(() -> ProcessHandle.current().pid());
            assertThat(pids.keySet()).containsExactlyInAnyOrderElementsOf(cluster.workerAddresses());
            assertThat(pids.values()).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
            assertThat(pids.values()).containsExactlyInAnyOrderElementsOf(cluster.workerProcesses().stream().map(ProcessHandle::pid).toList());

            // logs: each worker's lines come from its own process
            client.run(() -> {
                LoggerFactory.getLogger("test.process").warn("marker from pid " + ProcessHandle.current().pid());
                return 0;
            });
            Map<String, List<String>> logs = client.getWorkerLogs();
            for (Map.Entry<String, Long> e : pids.entrySet()) {
                List<String> lines = logs.get(e.getKey());
                assertThat(lines).anyMatch(l -> l.contains("marker from pid " + e.getValue()));
                for (long other : pids.values()) {
                    if (other != e.getValue()) {
                        assertThat(lines).noneMatch(l -> l.contains("marker from pid " + other));
                    }
                }
            }

            // persist: the value stays in a worker process and later computes use it there
            Delayed<Long> where = client.persist(Delayed.call((Integer x) -> ProcessHandle.current().pid() * 0 + x, Delayed.value(41)));
            assertThat(Delayed.call((Long x) -> x + 1, where).compute()).isEqualTo(42L);

            // retire: values move to the other process, nothing is lost
            List<ClusterFuture<Long>> fs = client.map((Integer i) -> (long) i * i, IntStream.range(0, 20).boxed().toList());
            client.wait(fs, Duration.ofSeconds(60));
            Map<String, List<Key>> hasWhat = client.hasWhat();
            String leaving = hasWhat.entrySet().stream().filter(e -> !e.getValue().isEmpty()).findFirst().orElseThrow().getKey();
            client.retireWorkers(List.of(leaving), Duration.ofSeconds(60));
            assertThat(client.schedulerInfo().workerAddresses()).containsExactlyElementsOf(
                    cluster.workerAddresses().stream().filter(a -> !a.equals(leaving)).toList());
            assertThat(client.gather(fs)).isEqualTo(IntStream.range(0, 20).mapToObj(i -> (long) i * i).toList());
            assertThat(where.compute()).isEqualTo(41L);
        }
    }
}
