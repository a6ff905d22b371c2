package io.jdask.distributed.client;

import io.jdask.distributed.protocol.WorkerSummary;
import java.util.List;

/**
 * The scheduler's view of its cluster, from {@link Client#schedulerInfo()}.
 *
 * @param address the scheduler's address
 * @param clients the clients connected
 * @param tasks the tasks the scheduler knows (wanted, running or held)
 * @param workers every registered worker (name, threads, memory limit, memory used at its last
 *     heartbeat, status, tasks assigned, keys held), sorted by address
 */
public record SchedulerInfo(String address, int clients, int tasks, List<WorkerSummary> workers) {
    /** Copies the list. */
    public SchedulerInfo {
        workers = List.copyOf(workers);
    }

    /** @return the task threads of all workers */
    public int totalThreads() {
        return workers.stream().mapToInt(WorkerSummary::nthreads).sum();
    }

    /** @return the workers' addresses, sorted */
    public List<String> workerAddresses() {
        return workers.stream().map(WorkerSummary::address).toList();
    }
}
