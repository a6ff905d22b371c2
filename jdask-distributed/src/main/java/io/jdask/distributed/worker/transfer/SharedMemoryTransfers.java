package io.jdask.distributed.worker.transfer;

import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.ShmMessage;
import io.jdask.distributed.protocol.WorkerToWorker;
import io.jdask.graph.Key;
import io.jdask.serialize.BlockSink;
import io.jdask.serialize.FrameSource;
import io.jdask.serialize.Serialization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's same-host shared-memory path for large values. The fetching side makes a ring file
 * ({@link ShmRing}) per connection to a peer and offers it ({@link ShmMessage.Offer}: path and a
 * random nonce); the serving side opens it, checks the nonce and answers ({@link
 * ShmMessage.Answer}), and the fetching side then unlinks the file (both keep it mapped; nothing
 * is left behind when either process dies). From then on the serving side answers a fetch whose
 * values include some of at least {@link ShmSettings#minBytes} with a {@link
 * ShmMessage.RingReply} on the connection, and copies those values' bytes into the ring on its
 * writer thread while the fetching side's reader thread copies them out, straight into the
 * block's new arrays where the block's serializer reads streams. Control stays on the connection;
 * the connection closing, the ring being aborted or the idle timeout ends a transfer, which closes
 * the connection so the fetch fails and is retried as after any lost connection.
 *
 * <p>A failed offer (another host or container with the same name, no {@code /dev/shm}, the path
 * turned off on either side) leaves the connection on the socket only. Connections with TLS never
 * use the path: the operator asked for the bytes to be encrypted on the wire, and the path keeps
 * them in memory shared between the two processes instead. Thread-safe.
 */
public final class SharedMemoryTransfers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedMemoryTransfers.class);
    private static final String PREFIX = "jdask-ring-";
    /** How many first bytes of a value are looked at for a block's header (as the socket's decoder does). */
    static final int PEEK = 64 << 10;
    private static final int RECORD = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final AtomicLong VALUES_RECEIVED = new AtomicLong();
    private static final AtomicLong VALUES_SENT = new AtomicLong();

    private final ShmSettings settings;
    private final String self;
    private final BiConsumer<Connection, WorkerToWorker.DataReply> deliver;
    private final Serialization serialization = Serialization.get();
    private final Map<Connection, Inbound> inbound = new ConcurrentHashMap<>();
    private final Map<Connection, Outbound> outbound = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param settings the path's settings (turned off: this does nothing)
     * @param self the worker's name, for messages
     * @param deliver where a fetch's reply goes once its values are all in (the worker's usual
     *     handling of a {@link WorkerToWorker.DataReply}); called on a reader thread
     */
    public SharedMemoryTransfers(ShmSettings settings, String self, BiConsumer<Connection, WorkerToWorker.DataReply> deliver) {
        this.settings = settings;
        this.self = self;
        this.deliver = deliver;
    }

    /** @return values this JVM received through rings, all workers together (diagnostics and tests) */
    public static long valuesReceived() {
        return VALUES_RECEIVED.get();
    }

    /** @return values this JVM sent through rings, all workers together */
    public static long valuesSent() {
        return VALUES_SENT.get();
    }

    // ---- the fetching side

    /**
     * A connection to a peer was made for fetching: offers it a ring (nothing when the path is off).
     *
     * @param c the new connection
     */
    public void connected(Connection c) {
        if (!settings.enabled() || closed) {
            return;
        }
        sweepOnce(settings.dir());
        long nonce = RANDOM.nextLong();
        Path file = settings.dir().resolve(PREFIX + ProcessHandle.current().pid() + "-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
        ShmRing ring;
        try {
            ring = ShmRing.create(file, settings.ringBytes(), nonce);
        } catch (IOException | RuntimeException e) {
            LOG.debug("worker {}: no shared-memory ring for {}: {}", self, c.remoteAddress(), e.toString());
            return;
        }
        file.toFile().deleteOnExit();
        Inbound in = new Inbound(c, ring);
        inbound.put(c, in);
        c.send(new ShmMessage.Offer(file.toString(), nonce, "shm-offer-" + self));
        if (!c.isOpen() || closed) {
            closed(c);
        }
    }

    private void answered(Connection c, ShmMessage.Answer a) {
        Inbound in = inbound.get(c);
        if (in == null || in.ring.nonce() != a.nonce()) {
            return;
        }
        unlink(in.ring.file());
        if (a.accepted()) {
            LOG.debug("worker {}: values of at least {} bytes from {} come through shared memory", self, settings.minBytes(), c.remoteAddress());
        } else {
            LOG.info("worker {}: the peer at {} does not use the shared-memory ring: {}", self, c.remoteAddress(), a.reason());
            inbound.remove(c, in);
            in.close();
        }
    }

    private void ringReply(Connection c, ShmMessage.RingReply r) {
        Inbound in = inbound.get(c);
        if (in == null || in.broken) {
            LOG.warn("worker {}: {} sent values through a shared-memory ring this side does not have; closing the connection", self,
                    c.remoteAddress());
            c.close();
            return;
        }
        try {
            in.thread.execute(() -> in.receive(r));
        } catch (RejectedExecutionException e) {
            c.close();
        }
    }

    // ---- the serving side

    private void offered(Connection c, ShmMessage.Offer o) {
        String refusal = null;
        ShmRing ring = null;
        if (!settings.enabled() || closed) {
            refusal = "the shared-memory path is turned off on " + self;
        } else {
            try {
                ring = ShmRing.open(Path.of(o.path()), o.nonce());
            } catch (IOException | RuntimeException e) {
                refusal = "cannot open the ring on " + self + ": " + e.getMessage();
            }
        }
        if (ring != null) {
            Outbound old = outbound.put(c, new Outbound(c, ring));
            if (old != null) {
                old.close();
            }
            c.send(new ShmMessage.Answer(o.nonce(), true, "", o.stimulusId()));
        } else {
            LOG.info("worker {}: values for {} stay on the socket: {}", self, c.remoteAddress(), refusal);
            c.send(new ShmMessage.Answer(o.nonce(), false, refusal, o.stimulusId()));
        }
    }

    /**
     * Sends a fetch's reply, its large values through the connection's ring when it has one.
     *
     * @param c the connection the fetch came on
     * @param reply the reply
     * @return whether it was sent here; false: send it on the connection as usual
     */
    public boolean serve(Connection c, WorkerToWorker.DataReply reply) {
        Outbound out = outbound.get(c);
        if (out == null || out.broken) {
            return false;
        }
        Map<Key, Payload> small = new HashMap<>();
        List<Key> keys = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Payload> large = new ArrayList<>();
        for (Map.Entry<Key, Payload> e : reply.data().entrySet()) {
            if (e.getValue().size() >= settings.minBytes()) {
                keys.add(e.getKey());
                sizes.add((long) e.getValue().size());
                large.add(e.getValue());
            } else {
                small.put(e.getKey(), e.getValue());
            }
        }
        if (large.isEmpty()) {
            return false;
        }
        // called on the connection's I/O thread: the writer takes the values in the order of the replies
        long first = out.sequence;
        out.sequence += large.size();
        c.send(new ShmMessage.RingReply(small, reply.missing(), keys, sizes, first, reply.stimulusId()));
        try {
            out.thread.execute(() -> out.send(keys, large, first));
        } catch (RejectedExecutionException e) {
            c.close();
        }
        return true;
    }

    // ---- both

    /**
     * A message of the path arrived (I/O thread).
     *
     * @param c the connection
     * @param m the message
     */
    public void received(Connection c, ShmMessage m) {
        switch (m) {
            case ShmMessage.Offer o -> offered(c, o);
            case ShmMessage.Answer a -> answered(c, a);
            case ShmMessage.RingReply r -> ringReply(c, r);
        }
    }

    /**
     * A connection closed: its ring (either side's) is aborted, unmapped when collected, its file
     * removed.
     *
     * @param c the connection
     */
    public void closed(Connection c) {
        Inbound in = inbound.remove(c);
        if (in != null) {
            in.close();
        }
        Outbound out = outbound.remove(c);
        if (out != null) {
            out.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c : List.copyOf(inbound.keySet())) {
            closed(c);
        }
        for (Connection c : List.copyOf(outbound.keySet())) {
            closed(c);
        }
    }

    /** @return how many connections have a ring now (either side), for tests */
    int rings() {
        return inbound.size() + outbound.size();
    }

    private static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static void unlink(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot remove ring file {}: {}", file, e.toString());
        }
    }

    /** Removes ring files of processes that are gone (killed before they could remove them), once per JVM. */
    static void sweepOnce(Path dir) {
        if (SWEPT.compareAndSet(false, true)) {
            sweep(dir);
        }
    }

    /** Removes ring files of processes that are gone. */
    static void sweep(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path f : files) {
                String rest = f.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        unlink(f);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot look for stale ring files in {}: {}", dir, e.toString());
        }
    }

    /** One side of a connection's ring: its connection, its copying thread, whether it broke, the next value's sequence number. */
    private abstract static class Side {
        final Connection c;
        final ShmRing ring;
        final ExecutorService thread;
        volatile boolean broken;
        /** Only touched by one thread (the reader thread inbound; the connection's I/O thread outbound). */
        long sequence;

        Side(Connection c, ShmRing ring, String threadName) {
            this.c = c;
            this.ring = ring;
            this.thread = thread(threadName);
        }

        boolean alive() {
            return c.isOpen() && !broken;
        }
    }

    /** The fetching side of one connection's ring. */
    private final class Inbound extends Side {
        Inbound(Connection c, ShmRing ring) {
            super(c, ring, "jdask-shm-read");
        }

        /** Reads a reply's ring values, in order, then delivers the whole reply (reader thread). */
        void receive(ShmMessage.RingReply r) {
            Map<Key, Payload> data = new HashMap<>(r.data());
            for (int i = 0; i < r.ringKeys().size(); i++) {
                Key key = r.ringKeys().get(i);
                long size = r.ringSizes().get(i);
                try {
                    if (r.firstSequence() + i != sequence) {
                        throw new ShmRing.RingException("expected value " + sequence + " in the ring, the reply announces " + (r.firstSequence() + i));
                    }
                    data.put(key, readValue((int) size));
                    sequence++;
                    VALUES_RECEIVED.incrementAndGet();
                } catch (ShmRing.RingException | RuntimeException e) {
                    fail(key, size, e);
                    return;
                }
            }
            deliver.accept(c, new WorkerToWorker.DataReply(data, r.missing(), r.stimulusId()));
        }

        private Payload readValue(int size) throws ShmRing.RingException {
            long idle = settings.idleTimeout().toNanos();
            ByteBuffer record = ByteBuffer.allocate(RECORD).order(ByteOrder.nativeOrder());
            ring.read(RECORD, RECORD, record::put, this::alive, idle);
            record.flip();
            long seq = record.getLong();
            long length = record.getLong();
            if (seq != sequence || length != size) {
                throw new ShmRing.RingException("the ring holds value " + seq + " of " + length + " bytes where value " + sequence + " of "
                        + size + " bytes was announced");
            }
            ByteBuffer head = ByteBuffer.allocate(Math.min(size, PEEK));
            ring.peek(head, this::alive, idle);
            head.flip();
            BlockSink<Object> sink = null;
            RuntimeException[] failure = {null};
            try {
                Optional<BlockSink<Object>> s = serialization.packedSink(head, size);
                sink = s.orElse(null);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
            ByteBuffer whole = sink == null && failure[0] == null ? ByteBuffer.allocate(size) : null;
            BlockSink<Object> into = sink;
            ring.read(size, settings.chunkBytes(), piece -> {
                if (failure[0] != null) {
                    return;
                }
                if (into == null) {
                    whole.put(piece);
                    return;
                }
                try {
                    into.accept(piece);
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            }, this::alive, idle);
            if (whole != null) {
                return Payload.wrap(whole.array());
            }
            if (failure[0] == null) {
                try {
                    Object value = into.finish();
                    return Payload.ofValue(value, serialization.packedSource(value));
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            }
            // a corrupt block: its bytes were all taken, so the ring stays in step; the key is reported
            return Payload.failed(size, failure[0]);
        }

        private void fail(Key key, long size, Exception e) {
            broken = true;
            if (c.isOpen()) {
                LOG.warn("worker {}: cannot receive {} ({} bytes) through shared memory from peer {}: {}; closing the connection, the fetch"
                        + " is retried", self, key, size, c.remoteAddress(), e.getMessage());
            } else {
                LOG.info("worker {}: the transfer of {} through shared memory from peer {} ended with the connection", self, key,
                        c.remoteAddress());
            }
            ring.abort();
            c.close();
        }

        void close() {
            broken = true;
            ring.abort();
            thread.shutdownNow();
            unlink(ring.file());
        }
    }

    /** The serving side of one connection's ring. */
    private final class Outbound extends Side {
        Outbound(Connection c, ShmRing ring) {
            super(c, ring, "jdask-shm-write");
        }

        /** Copies values into the ring, each after its record header (writer thread). */
        void send(List<Key> keys, List<Payload> values, long first) {
            long idle = settings.idleTimeout().toNanos();
            for (int i = 0; i < keys.size(); i++) {
                Payload p = values.get(i);
                try {
                    ByteBuffer record = ByteBuffer.allocate(RECORD).order(ByteOrder.nativeOrder());
                    record.putLong(first + i).putLong(p.size()).flip();
                    FrameSource src = FrameSource.concat(List.of(FrameSource.of(record), p.source()));
                    ring.write(src.length(), settings.chunkBytes(), src::copyTo, this::alive, idle);
                    VALUES_SENT.incrementAndGet();
                } catch (ShmRing.RingException | RuntimeException e) {
                    broken = true;
                    if (c.isOpen()) {
                        LOG.warn("worker {}: cannot send {} ({} bytes) through shared memory to {}: {}; closing the connection", self,
                                keys.get(i), p.size(), c.remoteAddress(), e.getMessage());
                    }
                    ring.abort();
                    c.close();
                    return;
                }
            }
        }

        void close() {
            broken = true;
            ring.abort();
            thread.shutdownNow();
        }
    }
}
