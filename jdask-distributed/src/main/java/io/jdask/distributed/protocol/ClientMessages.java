package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of {@link ClientRequest} and {@link ClientReply}, for {@link MessageCodec}: type
 * codes 100 to 119, fields in record order, the stimulus id last (written by the codec).
 */
final class ClientMessages {
    private static final int PUBLISH_DATASET = 100;
    private static final int UNPUBLISH_DATASET = 101;
    private static final int GET_DATASET = 102;
    private static final int LIST_DATASETS = 103;
    private static final int RETIRE_WORKERS = 104;
    private static final int RESTART = 105;
    private static final int GET_SCHEDULER_INFO = 106;
    private static final int GET_HAS_WHAT = 107;
    private static final int GET_LOGS = 108;
    private static final int RUN_FUNCTION = 109;
    private static final int DONE = 110;
    private static final int DATASET = 111;
    private static final int DATASET_NAMES = 112;
    private static final int SCHEDULER_INFO = 113;
    private static final int HAS_WHAT = 114;
    private static final int LOGS = 115;
    private static final int RUN_RESULT = 116;
    private static final int REPLICATE = 117;
    private static final int PROGRESS = 118;
    private static final int PROGRESS_UPDATE = 119;

    private ClientMessages() {}

    static boolean owns(int type) {
        return type >= PUBLISH_DATASET && type <= PROGRESS_UPDATE;
    }

    static void write(WireWriter w, ClientRequest m) {
        switch (m) {
            case ClientRequest.PublishDataset p -> {
                w.u8(PUBLISH_DATASET);
                w.string(p.name());
                w.keys(p.keys());
                w.payload(p.value());
                w.bool(p.overwrite());
            }
            case ClientRequest.UnpublishDataset u -> {
                w.u8(UNPUBLISH_DATASET);
                w.string(u.name());
            }
            case ClientRequest.GetDataset g -> {
                w.u8(GET_DATASET);
                w.string(g.name());
            }
            case ClientRequest.ListDatasets l -> w.u8(LIST_DATASETS);
            case ClientRequest.RetireWorkers r -> {
                w.u8(RETIRE_WORKERS);
                w.strings(r.workers());
            }
            case ClientRequest.Restart r -> w.u8(RESTART);
            case ClientRequest.GetSchedulerInfo g -> w.u8(GET_SCHEDULER_INFO);
            case ClientRequest.GetHasWhat g -> w.u8(GET_HAS_WHAT);
            case ClientRequest.GetLogs g -> {
                w.u8(GET_LOGS);
                w.i32(g.maxLines());
            }
            case ClientRequest.RunFunction f -> {
                w.u8(RUN_FUNCTION);
                w.payload(f.function());
            }
            case ClientRequest.Replicate q -> {
                w.u8(REPLICATE);
                w.keys(q.keys());
            }
            case ClientRequest.Progress q -> {
                w.u8(PROGRESS);
                w.string(q.watch());
                w.keys(q.keys());
                w.bool(q.end());
            }
        }
    }

    static void write(WireWriter w, ClientReply m) {
        switch (m) {
            case ClientReply.Done d -> {
                w.u8(DONE);
                w.string(d.error());
            }
            case ClientReply.Dataset d -> {
                w.u8(DATASET);
                w.string(d.name());
                w.keys(d.keys());
                w.payload(d.value());
            }
            case ClientReply.DatasetNames n -> {
                w.u8(DATASET_NAMES);
                w.strings(n.names());
            }
            case ClientReply.SchedulerInfo s -> {
                w.u8(SCHEDULER_INFO);
                w.string(s.address());
                w.i32(s.clients());
                w.i32(s.tasks());
                w.i32(s.workers().size());
                for (WorkerSummary ws : s.workers()) {
                    w.string(ws.address());
                    w.string(ws.name());
                    w.i32(ws.nthreads());
                    w.i64(ws.memoryLimit());
                    w.i64(ws.memoryBytes());
                    w.u8(ws.status().ordinal());
                    w.i32(ws.processing());
                    w.i32(ws.held());
                    w.resources(ws.resources());
                }
            }
            case ClientReply.HasWhat h -> {
                w.u8(HAS_WHAT);
                Map<String, List<Key>> sorted = new TreeMap<>(h.holdings());
                w.i32(sorted.size());
                for (Map.Entry<String, List<Key>> e : sorted.entrySet()) {
                    w.string(e.getKey());
                    w.keys(e.getValue());
                }
            }
            case ClientReply.Logs l -> {
                w.u8(LOGS);
                w.strings(l.lines());
            }
            case ClientReply.ProgressUpdate u -> {
                w.u8(PROGRESS_UPDATE);
                w.keys(u.done());
                w.i32(u.pending());
            }
            case ClientReply.RunResult r -> {
                w.u8(RUN_RESULT);
                w.payload(r.value());
                w.bool(r.error() != null);
                if (r.error() != null) {
                    MessageCodec.error(w, r.error());
                }
            }
        }
    }

    static Message read(int type, WireReader r) {
        return switch (type) {
            case PUBLISH_DATASET -> {
                String name = r.string();
                List<Key> keys = r.keys();
                Payload value = r.payload();
                boolean overwrite = r.bool();
                yield new ClientRequest.PublishDataset(name, keys, value, overwrite, r.string());
            }
            case UNPUBLISH_DATASET -> new ClientRequest.UnpublishDataset(r.string(), r.string());
            case GET_DATASET -> new ClientRequest.GetDataset(r.string(), r.string());
            case LIST_DATASETS -> new ClientRequest.ListDatasets(r.string());
            case RETIRE_WORKERS -> new ClientRequest.RetireWorkers(r.strings(), r.string());
            case RESTART -> new ClientRequest.Restart(r.string());
            case GET_SCHEDULER_INFO -> new ClientRequest.GetSchedulerInfo(r.string());
            case GET_HAS_WHAT -> new ClientRequest.GetHasWhat(r.string());
            case GET_LOGS -> new ClientRequest.GetLogs(r.i32(), r.string());
            case RUN_FUNCTION -> new ClientRequest.RunFunction(r.payload(), r.string());
            case REPLICATE -> new ClientRequest.Replicate(r.keys(), r.string());
            case PROGRESS -> {
                String watch = r.string();
                List<Key> keys = r.keys();
                boolean end = r.bool();
                yield new ClientRequest.Progress(watch, keys, end, r.string());
            }
            case PROGRESS_UPDATE -> {
                List<Key> done = r.keys();
                int pending = r.i32();
                yield new ClientReply.ProgressUpdate(done, pending, r.string());
            }
            case DONE -> new ClientReply.Done(r.string(), r.string());
            case DATASET -> {
                String name = r.string();
                List<Key> keys = r.keys();
                Payload value = r.payload();
                yield new ClientReply.Dataset(name, keys, value, r.string());
            }
            case DATASET_NAMES -> new ClientReply.DatasetNames(r.strings(), r.string());
            case SCHEDULER_INFO -> {
                String address = r.string();
                int clients = r.i32();
                int tasks = r.i32();
                int n = r.count("workers");
                List<WorkerSummary> workers = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String a = r.string();
                    String name = r.string();
                    int nthreads = r.i32();
                    long limit = r.i64();
                    long memory = r.i64();
                    WorkerStatus status = status(r.u8());
                    int processing = r.i32();
                    int held = r.i32();
                    workers.add(new WorkerSummary(a, name, nthreads, limit, memory, status, processing, held, r.resources()));
                }
                yield new ClientReply.SchedulerInfo(address, clients, tasks, workers, r.string());
            }
            case HAS_WHAT -> {
                int n = r.count("workers");
                Map<String, List<Key>> holdings = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    String worker = r.string();
                    holdings.put(worker, r.keys());
                }
                yield new ClientReply.HasWhat(holdings, r.string());
            }
            case LOGS -> new ClientReply.Logs(r.strings(), r.string());
            case RUN_RESULT -> {
                Payload value = r.payload();
                ErrorInfo error = r.bool() ? MessageCodec.error(r) : null;
                yield new ClientReply.RunResult(value, error, r.string());
            }
            default -> throw new ProtocolException("unknown message type " + type);
        };
    }

    private static WorkerStatus status(int ordinal) {
        WorkerStatus[] all = WorkerStatus.values();
        if (ordinal >= all.length) {
            throw new ProtocolException("unknown worker status " + ordinal);
        }
        return all[ordinal];
    }
}
