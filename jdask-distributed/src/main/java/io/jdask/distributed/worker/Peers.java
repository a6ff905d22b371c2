package io.jdask.distributed.worker;

import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.comm.MessageHandler;
import io.jdask.distributed.comm.Transport;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.WorkerToWorker;
import io.jdask.distributed.worker.state.WorkerEvent;
import io.jdask.distributed.worker.state.WorkerInstruction;
import io.jdask.distributed.worker.transfer.SharedMemoryTransfers;
import io.jdask.graph.Key;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's data traffic with peers: fetching dependencies from them ({@code GetData} out,
 * {@code DataReply} back) and serving its own values to peers and clients.
 */
final class Peers {
    private static final Logger LOG = LoggerFactory.getLogger(Peers.class);
    private record Pending(String peer, Connection connection, List<Key> keys) {}

    private final Transport transport;
    private final MessageHandler handler;
    private final DataStore store;
    private final TaskCodec codec;
    private final LinkedBlockingQueue<Runnable> inbox;
    private final Consumer<WorkerEvent> handle;
    private final String self;
    /** Large values between workers on one host, through shared memory. */
    private final SharedMemoryTransfers shm;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    /** Bytes of values received from peers and sent to peers and clients, for the heartbeat. */
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    private final ExecutorService connector = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jdask-worker-fetch");
        t.setDaemon(true);
        return t;
    });

    Peers(Transport transport, MessageHandler handler, DataStore store, TaskCodec codec, LinkedBlockingQueue<Runnable> inbox,
            Consumer<WorkerEvent> handle, String self, SharedMemoryTransfers shm) {
        this.transport = transport;
        this.handler = handler;
        this.store = store;
        this.codec = codec;
        this.inbox = inbox;
        this.handle = handle;
        this.self = self;
        this.shm = shm;
    }

    private void post(WorkerEvent e) {
        inbox.add(() -> handle.accept(e));
    }

    /**
     * Starts a fetch; its end is posted as {@code FetchDone} or {@code FetchFailed}. Over an open
     * connection the request is sent from the calling thread (sending does not block); a connection
     * still to be made is made on the connector thread.
     */
    void fetch(WorkerInstruction.Fetch f) {
        String id = "fetch-" + self + "-" + requests.incrementAndGet();
        Connection open = connections.get(f.peer());
        if (open != null && open.isOpen()) {
            request(f, id, open);
            return;
        }
        connector.execute(() -> {
            Connection c;
            try {
                c = connection(f.peer());
            } catch (IOException e) {
                post(new WorkerEvent.FetchFailed(f.peer(), f.keys(), e.getMessage(), id));
                return;
            }
            request(f, id, c);
        });
    }

    private void request(WorkerInstruction.Fetch f, String id, Connection c) {
        pending.put(id, new Pending(f.peer(), c, f.keys()));
        c.send(new WorkerToWorker.GetData(f.keys(), self, id));
        if (!c.isOpen() && pending.remove(id) != null) {
            post(new WorkerEvent.FetchFailed(f.peer(), f.keys(), "connection closed", id));
        }
    }

    private Connection connection(String peer) throws IOException {
        Connection c = connections.get(peer);
        if (c != null && c.isOpen()) {
            return c;
        }
        synchronized (this) {
            c = connections.get(peer);
            if (c == null || !c.isOpen()) {
                c = transport.connect(peer, Duration.ofSeconds(10), handler);
                connections.put(peer, c);
                shm.connected(c);
            }
            return c;
        }
    }

    /** A peer answered a fetch (I/O thread): store the values, report. */
    void reply(Connection c, WorkerToWorker.DataReply r) {
        Pending p = pending.remove(r.stimulusId());
        if (p == null) {
            return;
        }
        Map<Key, Long> received = new HashMap<>();
        Set<Key> missing = new LinkedHashSet<>(p.keys());
        for (Map.Entry<Key, Payload> e : r.data().entrySet()) {
            Object value;
            try {
                value = codec.readValue(e.getKey(), e.getValue());
            } catch (RuntimeException ex) {
                // a corrupt or unreadable value: the peer's copy is no good to this worker; reported
                // as missing from that peer, so the scheduler looks for another holder
                LOG.warn("worker {}: cannot read the value of {} ({} bytes) from peer {}: {}", self, e.getKey(),
                        e.getValue().size(), p.peer(), ex.getMessage(), ex);
                continue;
            }
            store.put(e.getKey(), value, e.getValue().size(), codec.storeSerialization(e.getKey()));
            received.put(e.getKey(), (long) e.getValue().size());
            bytesReceived.addAndGet(e.getValue().size());
            missing.remove(e.getKey());
        }
        post(new WorkerEvent.FetchDone(p.peer(), received, new ArrayList<>(missing), r.stimulusId()));
    }

    /** A peer or client asks for values (I/O thread). */
    void serve(Connection c, WorkerToWorker.GetData g) {
        Map<Key, Payload> data = new HashMap<>();
        List<Key> missing = new ArrayList<>();
        for (Key k : g.keys()) {
            try {
                Payload p = store.serialized(k, codec);
                data.put(k, p);
                bytesSent.addAndGet(p.size());
            } catch (NoSuchElementException e) {
                missing.add(k);
            } catch (RuntimeException e) {
                // a value that cannot be written (its client's code is gone, a serializer failed):
                // answer the rest and name this one instead of dropping the connection
                LOG.warn("worker {}: cannot send {} to {}: {}", self, k, g.requester(), e.toString(), e);
                missing.add(k);
            }
        }
        WorkerToWorker.DataReply reply = new WorkerToWorker.DataReply(data, missing, g.stimulusId());
        if (!shm.serve(c, reply)) {
            c.send(reply);
        }
    }

    /** A connection closed (cause: why, or null): fail the fetches waiting on it. */
    void closed(Connection c, Throwable cause) {
        connections.values().remove(c);
        for (Map.Entry<String, Pending> e : List.copyOf(pending.entrySet())) {
            if (e.getValue().connection() == c && pending.remove(e.getKey()) != null) {
                post(new WorkerEvent.FetchFailed(e.getValue().peer(), e.getValue().keys(), "connection to " + e.getValue().peer() + " closed"
                        + (cause == null ? "" : ": " + cause.getMessage()), e.getKey()));
            }
        }
    }

    void close() {
        connector.shutdownNow();
    }
}
