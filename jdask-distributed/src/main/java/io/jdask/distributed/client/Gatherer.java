package io.jdask.distributed.client;

import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.comm.MessageHandler;
import io.jdask.distributed.comm.Transport;
import io.jdask.distributed.protocol.ClientToScheduler;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.WorkerToWorker;
import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches values straight from the workers that hold them: one {@code GetData} per worker, and
 * when a holder is gone or lacks a key, asks the scheduler again ({@code WhoHas}) and retries.
 */
final class Gatherer {
    private static final int ATTEMPTS = 40;

    private record Pending(Connection connection, CompletableFuture<WorkerToWorker.DataReply> reply) {}

    private final Transport transport;
    private final MessageHandler handler;
    private final String clientName;
    private final KeyTable table;
    private final Connection scheduler;
    private final Map<String, Connection> workers = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    /** Reads a gathered value (the client's code shipping sets its own, with its class loader). */
    volatile java.util.function.Function<Payload, Object> decoder = Gatherer::decode;

    Gatherer(Transport transport, MessageHandler handler, String clientName, KeyTable table, Connection scheduler) {
        this.transport = transport;
        this.handler = handler;
        this.clientName = clientName;
        this.table = table;
        this.scheduler = scheduler;
    }

    /**
     * @param keys keys in memory on the cluster, each with an entry in the table
     * @return their values
     */
    Map<Key, Object> gather(List<Key> keys) {
        Map<Key, Object> out = HashMap.newHashMap(keys.size());
        List<Key> remaining = new ArrayList<>(keys);
        String lastProblem = "";
        for (int attempt = 0; attempt < ATTEMPTS && !remaining.isEmpty(); attempt++) {
            Map<String, List<Key>> byWorker = new LinkedHashMap<>();
            List<Key> unknown = new ArrayList<>();
            for (Key k : remaining) {
                KeyTable.Entry e = table.get(k);
                List<String> holders = e == null ? List.of() : e.holders;
                if (holders.isEmpty()) {
                    unknown.add(k);
                } else {
                    byWorker.computeIfAbsent(holders.get(attempt % holders.size()), w -> new ArrayList<>()).add(k);
                }
            }
            Map<String, CompletableFuture<WorkerToWorker.DataReply>> replies = new LinkedHashMap<>();
            for (Map.Entry<String, List<Key>> w : byWorker.entrySet()) {
                replies.put(w.getKey(), request(w.getKey(), w.getValue()));
            }
            List<Key> again = new ArrayList<>(unknown);
            for (Map.Entry<String, CompletableFuture<WorkerToWorker.DataReply>> r : replies.entrySet()) {
                List<Key> asked = byWorker.get(r.getKey());
                try {
                    WorkerToWorker.DataReply reply = r.getValue().get(120, TimeUnit.SECONDS);
                    for (Key k : asked) {
                        Payload p = reply.data().get(k);
                        if (p == null) {
                            again.add(k);
                            lastProblem = "worker " + r.getKey() + " did not hold " + k;
                        } else {
                            out.put(k, decoder.apply(p));
                        }
                    }
                } catch (ExecutionException | TimeoutException e) {
                    again.addAll(asked);
                    lastProblem = "worker " + r.getKey() + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new io.jdask.scheduler.ComputeCancelledException("interrupted while gathering results");
                }
            }
            remaining = again;
            if (!remaining.isEmpty()) {
                refresh(remaining, attempt);
            }
        }
        if (!remaining.isEmpty()) {
            throw new IllegalStateException("could not gather " + remaining.size() + " value(s) from the workers, e.g. " + remaining.get(0)
                    + (lastProblem.isEmpty() ? " (no worker holds it)" : " (last problem: " + lastProblem + ")"));
        }
        return out;
    }

    /** Asks the scheduler where the keys are now, and waits a little for the answers. */
    private void refresh(List<Key> keys, int attempt) {
        List<CompletableFuture<KeyTable.Entry>> waits = new ArrayList<>();
        for (Key k : keys) {
            KeyTable.Entry e = table.get(k);
            if (e != null) {
                e.holders = List.of();
                waits.add(e.done);
            }
        }
        scheduler.send(new ClientToScheduler.WhoHas(keys, "who-has-" + clientName + "-" + requests.incrementAndGet()));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(2000, 50L << Math.min(attempt, 5)));
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Key k : keys) {
                KeyTable.Entry e = table.get(k);
                if (e != null && e.holders.isEmpty()) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new io.jdask.scheduler.ComputeCancelledException("interrupted while gathering results");
            }
        }
    }

    private CompletableFuture<WorkerToWorker.DataReply> request(String worker, List<Key> keys) {
        CompletableFuture<WorkerToWorker.DataReply> f = new CompletableFuture<>();
        Connection c;
        try {
            c = connection(worker);
        } catch (IOException e) {
            f.completeExceptionally(e);
            return f;
        }
        String id = "gather-" + clientName + "-" + requests.incrementAndGet();
        pending.put(id, new Pending(c, f));
        c.send(new WorkerToWorker.GetData(keys, clientName, id));
        if (!c.isOpen() && pending.remove(id) != null) {
            f.completeExceptionally(new IOException("connection to " + worker + " closed"));
        }
        return f;
    }

    Connection connection(String worker) throws IOException {
        Connection c = workers.get(worker);
        if (c != null && c.isOpen()) {
            return c;
        }
        synchronized (this) {
            c = workers.get(worker);
            if (c == null || !c.isOpen()) {
                c = transport.connect(worker, Duration.ofSeconds(10), handler);
                workers.put(worker, c);
            }
            return c;
        }
    }

    /** A worker answered (I/O thread). */
    void reply(WorkerToWorker.DataReply r) {
        Pending p = pending.remove(r.stimulusId());
        if (p != null) {
            p.reply().complete(r);
        }
    }

    /** A worker connection closed (I/O thread). */
    void closed(Connection c) {
        workers.values().remove(c);
        for (Map.Entry<String, Pending> e : List.copyOf(pending.entrySet())) {
            if (e.getValue().connection() == c && pending.remove(e.getKey()) != null) {
                e.getValue().reply().completeExceptionally(new IOException("connection to " + c.remoteAddress() + " closed"));
            }
        }
    }

    void close() {
        for (Connection c : workers.values()) {
            c.close();
        }
    }

    static Object decode(Payload p) {
        return Serialization.get().fromBytes(p.array());
    }
}
