package io.jdask.distributed.scheduler;

import io.jdask.distributed.logs.LogBuffer;
import io.jdask.distributed.protocol.ClientReply;
import io.jdask.distributed.protocol.ClientRequest;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.protocol.WorkerSummary;
import io.jdask.distributed.scheduler.state.SchedulerEvent;
import io.jdask.distributed.scheduler.state.SchedulerInstruction;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers the clients' cluster-management requests on the scheduler's loop thread: datasets
 * ({@link DatasetRegistry}), scheduler info, who holds what, restart, retirement and the
 * scheduler's recent log lines. Each request gets exactly one reply with its stimulus id.
 */
final class ClientRequests {
    private final SchedulerState state;
    private final Consumer<List<SchedulerInstruction>> apply;
    private final Supplier<String> address;
    private final Supplier<Integer> clientCount;
    private final Supplier<Collection<WorkerInfo>> workers;
    private final DatasetRegistry datasets = new DatasetRegistry();
    private final ProgressWatches watches = new ProgressWatches(System::nanoTime);
    private final Consumer<String> datasetRemoved;

    /**
     * @param state the scheduler's state
     * @param apply sends the instructions an event returned
     * @param address the scheduler's address
     * @param clientCount the clients connected now
     * @param workers the registered workers as the process knows them (heartbeat memory)
     * @param datasetRemoved told the publisher's id whenever a dataset is unpublished, replaced or
     *     dropped by a restart (the code of a departed publisher is kept while it has datasets)
     */
    ClientRequests(SchedulerState state, Consumer<List<SchedulerInstruction>> apply, Supplier<String> address, Supplier<Integer> clientCount,
            Supplier<Collection<WorkerInfo>> workers, Consumer<String> datasetRemoved) {
        this.state = state;
        this.apply = apply;
        this.address = address;
        this.clientCount = clientCount;
        this.workers = workers;
        this.datasetRemoved = datasetRemoved;
        LogBuffer.install();
    }

    /** @return whether a dataset published by the client {@code client} is still published */
    boolean hasDatasetsOf(String client) {
        return datasets.publishedBy(client);
    }

    /**
     * @param r the request
     * @param client the scheduler's id of the client that sent it
     * @return the reply to send back
     */
    ClientReply handle(ClientRequest r, String client) {
        String id = r.stimulusId();
        return switch (r) {
            case ClientRequest.PublishDataset p -> new ClientReply.Done(publish(p, client), id);
            case ClientRequest.UnpublishDataset u -> {
                DatasetRegistry.Entry gone = datasets.unpublish(state, apply, u.name(), id);
                if (gone != null) {
                    datasetRemoved.accept(gone.publisher());
                }
                yield new ClientReply.Done(gone != null ? "" : noDataset(u.name()), id);
            }
            case ClientRequest.GetDataset g -> {
                DatasetRegistry.Entry e = datasets.get(g.name());
                yield e == null ? new ClientReply.Done(noDataset(g.name()), id) : new ClientReply.Dataset(e.name(), e.keys(), e.value(), id);
            }
            case ClientRequest.ListDatasets l -> new ClientReply.DatasetNames(datasets.names(), id);
            case ClientRequest.GetSchedulerInfo g -> new ClientReply.SchedulerInfo(address.get(), clientCount.get(), state.taskCount(), summaries(), id);
            case ClientRequest.GetHasWhat g -> {
                Map<String, List<Key>> holdings = new TreeMap<>();
                for (String w : state.workerAddresses()) {
                    holdings.put(w, state.hasWhat(w));
                }
                yield new ClientReply.HasWhat(holdings, id);
            }
            case ClientRequest.Restart x -> {
                datasets.clear().forEach(e -> datasetRemoved.accept(e.publisher()));
                apply.accept(state.handle(new SchedulerEvent.Restart(id)));
                yield new ClientReply.Done("", id);
            }
            case ClientRequest.RetireWorkers rw -> retire(rw.workers(), id);
            case ClientRequest.Progress p -> watches.poll(state, p);
            case ClientRequest.Replicate q -> {
                apply.accept(state.handle(new SchedulerEvent.Replicate(q.keys(), id)));
                yield new ClientReply.Done("", id);
            }
            case ClientRequest.GetLogs g -> new ClientReply.Logs(LogBuffer.recent(g.maxLines()), id);
            case ClientRequest.RunFunction f -> new ClientReply.Done("the scheduler runs no functions: send RunFunction to each worker", id);
        };
    }

    private String publish(ClientRequest.PublishDataset p, String client) {
        DatasetRegistry.Entry old = datasets.get(p.name());
        String error = datasets.publish(state, apply, client, p.name(), p.keys(), p.value(), p.overwrite(), p.stimulusId());
        if (error.isEmpty() && old != null) {
            datasetRemoved.accept(old.publisher());
        }
        return error;
    }

    private ClientReply retire(List<String> addresses, String id) {
        List<String> known = state.workerAddresses();
        List<String> unknown = addresses.stream().filter(a -> !known.contains(a)).toList();
        if (!unknown.isEmpty()) {
            return new ClientReply.Done("no such worker(s): " + unknown + " (the workers are " + known + ")", id);
        }
        for (String a : addresses) {
            apply.accept(state.handle(new SchedulerEvent.RetireWorker(a, id)));
        }
        return new ClientReply.Done("", id);
    }

    private List<WorkerSummary> summaries() {
        List<WorkerSummary> out = new ArrayList<>();
        for (WorkerInfo w : workers.get()) {
            Optional<WorkerStatus> status = state.workerStatus(w.address());
            if (status.isEmpty()) {
                continue;
            }
            out.add(new WorkerSummary(w.address(), w.name(), w.nthreads(), w.memoryLimit(), w.memoryBytes(),
                    status.get(), state.processingCount(w.address()), state.hasWhatCount(w.address()), w.resources()));
        }
        out.sort(Comparator.comparing(WorkerSummary::address));
        return out;
    }

    private static String noDataset(String name) {
        return "no dataset named '" + name + "' is published";
    }
}
