package io.jdask.dashboard;

import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.comm.MessageHandler;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.comm.Transport;
import io.jdask.distributed.protocol.ClientReply;
import io.jdask.distributed.protocol.ClientRequest;
import io.jdask.distributed.protocol.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches a worker's recent log lines for its page, the way a client does ({@code
 * Client.getWorkerLogs()}): a {@link ClientRequest.GetLogs} on a connection of the dashboard's own
 * to the worker, with the scheduler's token and TLS. Nothing of it runs on the scheduler's loop:
 * connecting happens on a thread of its own, replies arrive on the dashboard's I/O threads, and
 * callers get a future that fails after a timeout. Connections are kept per worker and dropped
 * when they close. Thread-safe.
 */
final class WorkerLogs implements MessageHandler, AutoCloseable {
    private record Pending(Connection connection, CompletableFuture<List<String>> lines) {}

    private final Security security;
    private final Duration timeout;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService connector = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jdask-dashboard-logs");
        t.setDaemon(true);
        return t;
    });
    private Transport transport;
    private volatile boolean closed;

    WorkerLogs(Security security, Duration timeout) {
        this.security = security;
        this.timeout = timeout;
    }

    /**
     * @param address the worker's address
     * @param maxLines the most lines wanted
     * @return its newest lines, oldest first; fails naming the worker when it cannot be reached or
     *     does not answer within the timeout
     */
    CompletableFuture<List<String>> fetch(String address, int maxLines) {
        CompletableFuture<List<String>> out = new CompletableFuture<>();
        if (closed) {
            out.completeExceptionally(new IllegalStateException("the dashboard is closing"));
            return out;
        }
        String id = "dashboard-logs-" + ids.incrementAndGet();
        try {
            connector.execute(() -> {
                if (out.isDone()) {
                    return; // timed out while waiting for this thread
                }
                try {
                    Connection c = connection(address);
                    pending.put(id, new Pending(c, out));
                    c.send(new ClientRequest.GetLogs(maxLines, id));
                    if (!c.isOpen() && pending.remove(id) != null) {
                        out.completeExceptionally(new IOException("the connection to worker " + address + " closed"));
                    }
                } catch (IOException | RuntimeException e) {
                    out.completeExceptionally(new IOException("cannot reach worker " + address + ": " + e.getMessage(), e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            out.completeExceptionally(new IllegalStateException("the dashboard is closing"));
        }
        return out.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((lines, error) -> pending.remove(id));
    }

    /** On the connector thread only. */
    private Connection connection(String address) throws IOException {
        Connection c = connections.get(address);
        if (c != null && c.isOpen()) {
            return c;
        }
        if (transport == null) {
            transport = Transport.create("dashboard", security);
        }
        c = transport.connect(address, timeout, this);
        connections.put(address, c);
        return c;
    }

    @Override
    public void received(Connection c, Message m) {
        if (m instanceof ClientReply.Logs logs) {
            Pending p = pending.remove(logs.stimulusId());
            if (p != null) {
                p.lines().complete(logs.lines());
            }
        } else if (m instanceof ClientReply r) {
            Pending p = pending.remove(r.stimulusId());
            if (p != null) {
                p.lines().completeExceptionally(new IllegalStateException("worker " + c.remoteAddress() + " answered " + r));
            }
        }
    }

    @Override
    public void closed(Connection c, Throwable cause) {
        connections.values().remove(c);
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            if (e.getValue().connection() == c && pending.remove(e.getKey()) != null) {
                e.getValue().lines().completeExceptionally(new IOException("the connection to worker " + c.remoteAddress() + " closed before it answered"));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        try {
            connector.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection c : List.copyOf(connections.values())) {
            c.close();
        }
        connections.clear();
        if (transport != null) {
            transport.close();
        }
    }
}
