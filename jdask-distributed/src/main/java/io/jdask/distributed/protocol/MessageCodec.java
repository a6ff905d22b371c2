package io.jdask.distributed.protocol;

import io.jdask.distributed.protocol.ClientToScheduler.CancelKeys;
import io.jdask.distributed.protocol.ClientToScheduler.CloseClient;
import io.jdask.distributed.protocol.ClientToScheduler.ReleaseKeys;
import io.jdask.distributed.protocol.ClientToScheduler.RetryKeys;
import io.jdask.distributed.protocol.ClientToScheduler.UpdateGraph;
import io.jdask.distributed.protocol.SchedulerToClient.KeyCancelled;
import io.jdask.distributed.protocol.SchedulerToClient.KeyErred;
import io.jdask.distributed.protocol.SchedulerToClient.KeyInMemory;
import io.jdask.distributed.protocol.SchedulerToWorker.CloseWorker;
import io.jdask.distributed.protocol.SchedulerToWorker.ComputeTask;
import io.jdask.distributed.protocol.SchedulerToWorker.FreeKeys;
import io.jdask.distributed.protocol.SchedulerToWorker.RefreshWhoHas;
import io.jdask.distributed.protocol.SchedulerToWorker.StealRequest;
import io.jdask.distributed.protocol.WorkerToScheduler.AddReplicas;
import io.jdask.distributed.protocol.WorkerToScheduler.Heartbeat;
import io.jdask.distributed.protocol.WorkerToScheduler.MissingData;
import io.jdask.distributed.protocol.WorkerToScheduler.RegisterWorker;
import io.jdask.distributed.protocol.WorkerToScheduler.StatusChanged;
import io.jdask.distributed.protocol.WorkerToScheduler.StealResponse;
import io.jdask.distributed.protocol.WorkerToScheduler.TaskErred;
import io.jdask.distributed.protocol.WorkerToScheduler.TaskFinished;
import io.jdask.distributed.protocol.WorkerToWorker.DataReply;
import io.jdask.distributed.protocol.WorkerToWorker.GetData;
import io.jdask.graph.Key;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of every {@link Message}: a small header with the record's fields, and its
 * {@link Payload}s as separate frames that are written from their own buffers, never copied into
 * the header.
 *
 * <p>One message on a byte stream:
 *
 * <pre>
 *  0       4       8                       8+8n
 *  +-------+-------+-----------------------+------------------+-----------+-----+-------------+
 *  | hlen  |   n   | plen[0] ... plen[n-1] | header (hlen B)  | payload 0 | ... | payload n-1 |
 *  +-------+-------+-----------------------+------------------+-----------+-----+-------------+
 *   int32   int32   int64 each              type:u8, fields    plen[i] bytes each
 * </pre>
 *
 * All numbers are big-endian; strings are an int32 byte count and UTF-8; a key is its name, an
 * int32 count and the indices; a payload field in the header is the index of its frame, or -1
 * and the indices of a {@linkplain Payload#joined joined} payload's head and tail frames (a head
 * shared by several payloads of the message is one frame). The
 * lengths come first so a reader knows how many bytes a message needs before it decodes it
 * ({@link FrameDecoder}).
 */
public final class MessageCodec {
    /** The largest header accepted (a graph of a million tasks fits comfortably). */
    public static final int MAX_HEADER_BYTES = 1 << 30;

    private MessageCodec() {}

    /**
     * A message ready to write: the buffers in order, the payloads' own buffers among them.
     *
     * @param prefix the lengths
     * @param header the record's fields
     * @param payloads the payloads' bytes, not copied
     */
    public record Encoded(ByteBuffer prefix, ByteBuffer header, List<ByteBuffer> payloads) {
        /** @return every buffer to write, in order (for a gathering write) */
        public ByteBuffer[] buffers() {
            ByteBuffer[] out = new ByteBuffer[2 + payloads.size()];
            out[0] = prefix.duplicate();
            out[1] = header.duplicate();
            for (int i = 0; i < payloads.size(); i++) {
                out[2 + i] = payloads.get(i).duplicate();
            }
            return out;
        }

        /** @return the total number of bytes */
        public long size() {
            long n = (long) prefix.remaining() + header.remaining();
            for (ByteBuffer p : payloads) {
                n += p.remaining();
            }
            return n;
        }

        /** @return the whole message copied into one array (for tests and small messages) */
        public byte[] toByteArray() {
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size()));
            for (ByteBuffer b : buffers()) {
                all.put(b);
            }
            return all.array();
        }
    }

    /**
     * Encodes a message.
     *
     * @param m the message
     * @return its buffers
     */
    public static Encoded encode(Message m) {
        Parts parts = encodeParts(m);
        List<ByteBuffer> payloads = new ArrayList<>(parts.payloads().size());
        for (Payload p : parts.payloads()) {
            payloads.add(p.buffer());
        }
        return new Encoded(parts.prefix(), parts.header(), payloads);
    }

    /**
     * A message ready to write, its payloads as they are: a payload that holds a value ({@link
     * Payload#hasValue()}) is written from its {@link Payload#source()}, slice by slice.
     *
     * @param prefix the lengths
     * @param header the record's fields
     * @param payloads the payloads
     */
    public record Parts(ByteBuffer prefix, ByteBuffer header, List<Payload> payloads) {}

    /**
     * Encodes a message without touching its payloads' bytes.
     *
     * @param m the message
     * @return its prefix, header and payloads
     */
    public static Parts encodeParts(Message m) {
        WireWriter w = new WireWriter();
        write(w, m);
        return new Parts(w.prefix(), w.finish(), List.copyOf(w.payloads));
    }

    /** Each thread's writer for {@link #encodePartsTransient}. */
    private static final ThreadLocal<WireWriter> SCRATCH = ThreadLocal.withInitial(WireWriter::new);

    /**
     * As {@link #encodeParts}, but the prefix and header are written into the calling thread's
     * reused buffers: they stay valid only until this thread encodes its next message, so the
     * caller copies them out at once (the frame encoder copies them into the socket's buffer).
     * Saves a header buffer per message.
     *
     * @param m the message
     * @return its prefix, header and payloads; prefix and header valid until the next call on this thread
     */
    public static Parts encodePartsTransient(Message m) {
        WireWriter w = SCRATCH.get();
        w.reset();
        write(w, m);
        ByteBuffer header = w.finish();
        ByteBuffer prefix = w.prefix();
        List<Payload> payloads = List.copyOf(w.payloads);
        w.forgetPayloads(); // the writer holds on to no value between messages
        return new Parts(prefix, header, payloads);
    }

    /**
     * Decodes a message from its header and payload frames; the payloads are wrapped, not copied.
     *
     * The message keeps no reference to the header's bytes (every field is read out of them), so
     * the caller may reuse the header buffer for the next message.
     *
     * @param header the header bytes (type and fields)
     * @param payloads the payload frames, in order
     * @return the message
     * @throws ProtocolException if the bytes are not a valid message
     */
    public static Message decode(ByteBuffer header, List<Payload> payloads) {
        WireReader r = new WireReader(header.duplicate(), payloads);
        Message m;
        try {
            m = read(r);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProtocolException("invalid message: " + e.getMessage());
        }
        r.end();
        return m;
    }

    // message type codes: grouped by direction
    private static final int HANDSHAKE = 1;
    private static final int CHALLENGE = 2;
    private static final int PROOF = 3;
    private static final int ACCEPTED = 4;
    private static final int REFUSED = 5;
    private static final int UPDATE_GRAPH = 10;
    private static final int RELEASE_KEYS = 11;
    private static final int CANCEL_KEYS = 12;
    private static final int RETRY_KEYS = 13;
    private static final int CLOSE_CLIENT = 14;
    private static final int WHO_HAS = 15;
    private static final int KEY_IN_MEMORY = 20;
    private static final int KEY_ERRED = 21;
    private static final int KEY_CANCELLED = 22;
    private static final int KEY_LOCATION = 23;
    private static final int COMPUTE_TASK = 30;
    private static final int FREE_KEYS = 31;
    private static final int STEAL_REQUEST = 32;
    private static final int REFRESH_WHO_HAS = 33;
    private static final int CLOSE_WORKER = 34;
    private static final int ACQUIRE_REPLICAS = 35;
    private static final int REGISTER_WORKER = 40;
    private static final int HEARTBEAT = 41;
    private static final int TASK_FINISHED = 42;
    private static final int TASK_ERRED = 43;
    private static final int ADD_REPLICAS = 44;
    private static final int MISSING_DATA = 45;
    private static final int STEAL_RESPONSE = 46;
    private static final int STATUS_CHANGED = 47;
    private static final int GET_DATA = 50;
    private static final int DATA_REPLY = 51;
    private static final int SCHEDULER_GREETING = 60;
    // ---- throughput (tags 70-79)
    private static final int BATCH = 70;
    // ---- restart (tags 140-149)
    private static final int RESTART_WORKER = 140;

    private static void write(WireWriter w, Message m) {
        switch (m) {
            case Handshake h -> {
                w.u8(HANDSHAKE);
                w.i32(h.protocolVersion());
                w.string(h.jdaskVersion());
                w.string(h.javaVersion());
                w.string(h.role());
            }
            case Connect.Challenge c -> {
                w.u8(CHALLENGE);
                w.string(c.nonce());
            }
            case Connect.Proof p -> {
                w.u8(PROOF);
                w.string(p.proof());
            }
            case Connect.Accepted a -> w.u8(ACCEPTED);
            case Connect.Refused r -> {
                w.u8(REFUSED);
                w.string(r.reason());
            }
            case ClientToScheduler.WhoHas q -> keysMessage(w, WHO_HAS, q.keys());
            case SchedulerToClient.KeyLocation k -> {
                w.u8(KEY_LOCATION);
                w.key(k.key());
                w.strings(k.workers());
            }
            case UpdateGraph u -> {
                w.u8(UPDATE_GRAPH);
                w.i32(u.tasks().size());
                for (TaskSpec t : u.tasks()) {
                    w.key(t.key());
                    w.payload(t.payload());
                    w.keys(t.dependencies());
                    w.i32(t.order());
                    restrictions(w, t.restrictions());
                    w.i32(t.retries());
                }
                w.keys(u.wanted());
            }
            case ReleaseKeys r -> keysMessage(w, RELEASE_KEYS, r.keys());
            case CancelKeys c -> keysMessage(w, CANCEL_KEYS, c.keys());
            case RetryKeys r -> keysMessage(w, RETRY_KEYS, r.keys());
            case CloseClient c -> w.u8(CLOSE_CLIENT);
            case KeyInMemory k -> {
                w.u8(KEY_IN_MEMORY);
                w.key(k.key());
                w.i64(k.nbytes());
                w.string(k.typeName());
                w.strings(k.workers());
            }
            case KeyErred k -> {
                w.u8(KEY_ERRED);
                w.key(k.key());
                w.key(k.blamed());
                error(w, k.error());
            }
            case KeyCancelled k -> {
                w.u8(KEY_CANCELLED);
                w.key(k.key());
            }
            case ComputeTask c -> {
                w.u8(COMPUTE_TASK);
                w.key(c.key());
                w.payload(c.payload());
                w.i64(c.priority().generation());
                w.i32(c.priority().order());
                locations(w, c.dependencies());
                w.resources(c.resources());
            }
            case FreeKeys f -> keysMessage(w, FREE_KEYS, f.keys());
            case StealRequest s -> {
                w.u8(STEAL_REQUEST);
                w.key(s.key());
            }
            case RefreshWhoHas r -> {
                w.u8(REFRESH_WHO_HAS);
                w.key(r.key());
                w.strings(r.workers());
            }
            case CloseWorker c -> {
                w.u8(CLOSE_WORKER);
                w.string(c.reason());
            }
            case SchedulerToWorker.RestartWorker x -> w.u8(RESTART_WORKER); // ---- restart (tags 140-149)
            case SchedulerToWorker.AcquireReplicas a -> {
                w.u8(ACQUIRE_REPLICAS);
                locations(w, a.keys());
            }
            case RegisterWorker r -> {
                w.u8(REGISTER_WORKER);
                w.string(r.address());
                w.string(r.name());
                w.i32(r.nthreads());
                w.i64(r.memoryLimit());
                w.resources(r.resources());
            }
            case Heartbeat h -> {
                w.u8(HEARTBEAT);
                WorkerMetrics hm = h.metrics();
                w.i64(hm.memoryBytes());
                w.i32(hm.executing());
                w.i64(hm.spilledBytes());
                w.f64(hm.cpuPercent());
                w.i64(hm.bytesSent());
                w.i64(hm.bytesReceived());
                w.i64(hm.spills());
                w.i64(hm.spilledBytesTotal());
                w.i64(hm.unspills());
            }
            case TaskFinished t -> {
                w.u8(TASK_FINISHED);
                w.key(t.key());
                w.i64(t.nbytes());
                w.string(t.typeName());
                w.i64(t.durationNanos());
                w.i64(t.seen());
            }
            case TaskErred t -> {
                w.u8(TASK_ERRED);
                w.key(t.key());
                error(w, t.error());
                w.i64(t.durationNanos());
                w.i64(t.seen());
            }
            case AddReplicas a -> {
                w.u8(ADD_REPLICAS);
                w.keySizes(a.nbytes());
                w.i64(a.seen());
            }
            case MissingData md -> {
                w.u8(MISSING_DATA);
                w.key(md.key());
                w.string(md.holder());
            }
            case StealResponse s -> {
                w.u8(STEAL_RESPONSE);
                w.key(s.key());
                w.bool(s.released());
            }
            case StatusChanged s -> {
                w.u8(STATUS_CHANGED);
                w.u8(s.status().ordinal());
            }
            case GetData g -> {
                w.u8(GET_DATA);
                w.keys(g.keys());
                w.string(g.requester());
            }
            case ClientRequest q -> ClientMessages.write(w, q);
            case ClientReply a -> ClientMessages.write(w, a);
            case SchedulerGreeting i -> {
                w.u8(SCHEDULER_GREETING);
                w.string(i.dashboardLink());
            }
            case DataReply d -> {
                w.u8(DATA_REPLY);
                Map<Key, Payload> sorted = new TreeMap<>(d.data());
                w.i32(sorted.size());
                for (Map.Entry<Key, Payload> e : sorted.entrySet()) {
                    w.key(e.getKey());
                    w.payload(e.getValue());
                }
                w.keys(d.missing());
            }
            case CodeMessage c -> CodeMessageCodec.write(w, c);
            case ShmMessage s -> ShmMessageCodec.write(w, s);
            case Batch b -> {
                // ---- throughput (tags 70-79): the messages one after another, payload indices shared
                w.u8(BATCH);
                w.i32(b.messages().size());
                for (Message inner : b.messages()) {
                    write(w, inner);
                }
            }
        }
        w.string(m.stimulusId());
    }

    private static Message read(WireReader r) {
        int type = r.u8();
        return switch (type) {
            case HANDSHAKE -> {
                int protocol = r.i32();
                String jdask = r.string();
                String java = r.string();
                String role = r.string();
                yield new Handshake(protocol, jdask, java, role, r.string());
            }
            case CHALLENGE -> new Connect.Challenge(r.string(), r.string());
            case PROOF -> new Connect.Proof(r.string(), r.string());
            case ACCEPTED -> new Connect.Accepted(r.string());
            case REFUSED -> new Connect.Refused(r.string(), r.string());
            case WHO_HAS -> new ClientToScheduler.WhoHas(r.keys(), r.string());
            case KEY_LOCATION -> {
                Key key = r.key();
                List<String> workers = r.strings();
                yield new SchedulerToClient.KeyLocation(key, workers, r.string());
            }
            case UPDATE_GRAPH -> {
                int n = r.count("tasks");
                TaskSpec[] specs = new TaskSpec[n];
                for (int i = 0; i < n; i++) {
                    Key key = r.key();
                    Payload payload = r.payload();
                    List<Key> deps = r.keys();
                    int order = r.i32();
                    Restrictions restrictions = restrictions(r);
                    specs[i] = new TaskSpec(key, payload, deps, order, restrictions, r.i32());
                }
                List<TaskSpec> tasks = List.of(specs); // immutable: the message keeps it (see WireReader.keys)
                List<Key> wanted = r.keys();
                yield new UpdateGraph(tasks, wanted, r.string());
            }
            case RELEASE_KEYS -> new ReleaseKeys(r.keys(), r.string());
            case CANCEL_KEYS -> new CancelKeys(r.keys(), r.string());
            case RETRY_KEYS -> new RetryKeys(r.keys(), r.string());
            case CLOSE_CLIENT -> new CloseClient(r.string());
            case KEY_IN_MEMORY -> {
                Key key = r.key();
                long nbytes = r.i64();
                String typeName = r.string();
                List<String> workers = r.strings();
                yield new KeyInMemory(key, nbytes, typeName, workers, r.string());
            }
            case KEY_ERRED -> {
                Key key = r.key();
                Key blamed = r.key();
                ErrorInfo error = error(r);
                yield new KeyErred(key, blamed, error, r.string());
            }
            case KEY_CANCELLED -> new KeyCancelled(r.key(), r.string());
            case COMPUTE_TASK -> {
                Key key = r.key();
                Payload payload = r.payload();
                Priority priority = new Priority(r.i64(), r.i32());
                List<DependencyLocation> deps = locations(r);
                Map<String, Double> resources = r.resources();
                yield new ComputeTask(key, payload, priority, deps, resources, r.string());
            }
            case FREE_KEYS -> new FreeKeys(r.keys(), r.string());
            case SCHEDULER_GREETING -> new SchedulerGreeting(r.string(), r.string());
            case STEAL_REQUEST -> new StealRequest(r.key(), r.string());
            case REFRESH_WHO_HAS -> {
                Key key = r.key();
                List<String> workers = r.strings();
                yield new RefreshWhoHas(key, workers, r.string());
            }
            case RESTART_WORKER -> new SchedulerToWorker.RestartWorker(r.string()); // ---- restart (tags 140-149)
            case ACQUIRE_REPLICAS -> {
                List<DependencyLocation> keys = locations(r);
                yield new SchedulerToWorker.AcquireReplicas(keys, r.string());
            }
            case CLOSE_WORKER -> {
                String reason = r.string();
                yield new CloseWorker(reason, r.string());
            }
            case REGISTER_WORKER -> {
                String address = r.string();
                String name = r.string();
                int nthreads = r.i32();
                long memoryLimit = r.i64();
                Map<String, Double> resources = r.resources();
                yield new RegisterWorker(address, name, nthreads, memoryLimit, resources, r.string());
            }
            case HEARTBEAT -> {
                long memory = r.i64();
                int executing = r.i32();
                long spilled = r.i64();
                double cpu = r.f64();
                long sent = r.i64();
                long received = r.i64();
                long spills = r.i64();
                long spilledTotal = r.i64();
                long unspills = r.i64();
                yield new Heartbeat(new WorkerMetrics(memory, executing, spilled, cpu, sent, received, spills, spilledTotal, unspills), r.string());
            }
            case TASK_FINISHED -> {
                Key key = r.key();
                long nbytes = r.i64();
                String typeName = r.string();
                long duration = r.i64();
                long seen = r.i64();
                yield new TaskFinished(key, nbytes, typeName, duration, seen, r.string());
            }
            case TASK_ERRED -> {
                Key key = r.key();
                ErrorInfo error = error(r);
                long duration = r.i64();
                long seen = r.i64();
                yield new TaskErred(key, error, duration, seen, r.string());
            }
            case ADD_REPLICAS -> {
                Map<Key, Long> sizes = r.keySizes();
                long seen = r.i64();
                yield new AddReplicas(sizes, seen, r.string());
            }
            case MISSING_DATA -> {
                Key key = r.key();
                String holder = r.string();
                yield new MissingData(key, holder, r.string());
            }
            case STEAL_RESPONSE -> {
                Key key = r.key();
                boolean released = r.bool();
                yield new StealResponse(key, released, r.string());
            }
            case STATUS_CHANGED -> {
                int ordinal = r.u8();
                WorkerStatus[] all = WorkerStatus.values();
                if (ordinal >= all.length) {
                    throw new ProtocolException("unknown worker status " + ordinal);
                }
                yield new StatusChanged(all[ordinal], r.string());
            }
            case GET_DATA -> {
                List<Key> keys = r.keys();
                String requester = r.string();
                yield new GetData(keys, requester, r.string());
            }
            case DATA_REPLY -> {
                int n = r.count("values");
                // built once as the immutable map DataReply keeps (Map.copyOf returns it as is)
                @SuppressWarnings("unchecked")
                Map.Entry<Key, Payload>[] entries = new Map.Entry[n];
                for (int i = 0; i < n; i++) {
                    Key k = r.key();
                    entries[i] = Map.entry(k, r.payload());
                }
                Map<Key, Payload> data = dataMap(entries);
                List<Key> missing = r.keys();
                yield new DataReply(data, missing, r.string());
            }
            case BATCH -> {
                // ---- throughput (tags 70-79)
                int n = r.count("batched messages");
                Message[] messages = new Message[n];
                for (int i = 0; i < n; i++) {
                    Message inner = read(r);
                    if (inner instanceof Batch) {
                        throw new ProtocolException("a batch holds a batch");
                    }
                    messages[i] = inner;
                }
                yield new Batch(List.of(messages), r.string()); // immutable: the batch keeps it
            }
            default -> {
                if (ClientMessages.owns(type)) {
                    yield ClientMessages.read(type, r);
                }
                if (CodeMessageCodec.owns(type)) {
                    yield CodeMessageCodec.read(type, r);
                }
                if (ShmMessageCodec.owns(type)) {
                    yield ShmMessageCodec.read(type, r);
                }
                throw new ProtocolException("unknown message type " + type);
            }
        };
    }

    private static void locations(WireWriter w, List<DependencyLocation> locations) {
        w.i32(locations.size());
        for (DependencyLocation d : locations) {
            w.key(d.key());
            w.strings(d.workers());
            w.i64(d.nbytes());
        }
    }

    private static List<DependencyLocation> locations(WireReader r) {
        int n = r.count("locations");
        DependencyLocation[] out = new DependencyLocation[n];
        for (int i = 0; i < n; i++) {
            Key d = r.key();
            List<String> workers = r.strings();
            out[i] = new DependencyLocation(d, workers, r.i64());
        }
        return List.of(out); // immutable: the message keeps it
    }

    private static void keysMessage(WireWriter w, int type, List<Key> keys) {
        w.u8(type);
        w.keys(keys);
    }

    /** @return the entries as an immutable map; a key sent twice keeps its last value, as a HashMap would */
    private static Map<Key, Payload> dataMap(Map.Entry<Key, Payload>[] entries) {
        try {
            return Map.ofEntries(entries);
        } catch (IllegalArgumentException duplicate) {
            Map<Key, Payload> m = new HashMap<>();
            for (Map.Entry<Key, Payload> e : entries) {
                m.put(e.getKey(), e.getValue());
            }
            return m;
        }
    }

    private static void restrictions(WireWriter w, Restrictions r) {
        w.strings(r.workers());
        w.resources(r.resources());
        w.bool(r.allowOtherWorkers());
    }

    private static Restrictions restrictions(WireReader r) {
        var workers = r.stringSet();
        var resources = r.resources();
        return new Restrictions(workers, resources, r.bool());
    }

    static void error(WireWriter w, ErrorInfo e) {
        w.string(e.exceptionType());
        w.string(e.message());
        w.string(e.stackTrace());
        w.payload(e.exception());
    }

    static ErrorInfo error(WireReader r) {
        String type = r.string();
        String message = r.string();
        String trace = r.string();
        return new ErrorInfo(type, message, trace, r.payload());
    }
}
