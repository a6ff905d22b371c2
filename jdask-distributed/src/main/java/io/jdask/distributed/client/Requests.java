package io.jdask.distributed.client;

import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.protocol.ClientReply;
import io.jdask.distributed.protocol.ClientRequest;
import io.jdask.scheduler.ComputeCancelledException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Requests that get one {@link ClientReply} each, matched by stimulus id; the replies arrive on
 * I/O threads. Thread-safe.
 */
final class Requests {
    private record Pending(Connection connection, CompletableFuture<ClientReply> reply) {}

    private final String clientName;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    Requests(String clientName) {
        this.clientName = clientName;
    }

    /** Sends a request without waiting; the future completes with its reply, or fails when the connection closes. */
    CompletableFuture<ClientReply> send(Connection c, Function<String, ClientRequest> request) {
        String id = "request-" + clientName + "-" + counter.incrementAndGet();
        CompletableFuture<ClientReply> f = new CompletableFuture<>();
        pending.put(id, new Pending(c, f));
        c.send(request.apply(id));
        if (!c.isOpen() && pending.remove(id) != null) {
            f.completeExceptionally(new IllegalStateException("the connection to " + c.remoteAddress() + " is closed"));
        }
        return f;
    }

    /** Sends a request and waits for its reply. */
    ClientReply ask(Connection c, Function<String, ClientRequest> request, Duration timeout) {
        return await(send(c, request), c.remoteAddress(), timeout);
    }

    static ClientReply await(CompletableFuture<ClientReply> f, String peer, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputeCancelledException("interrupted while waiting for " + peer + " to answer");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(peer + " did not answer within " + timeout.toMillis() + " ms", e);
        }
    }

    /** A reply arrived (I/O thread). */
    void reply(ClientReply r) {
        Pending p = pending.remove(r.stimulusId());
        if (p != null) {
            p.reply().complete(r);
        }
    }

    /** A connection closed (I/O thread): its pending requests fail. */
    void closed(Connection c) {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            if (e.getValue().connection() == c && pending.remove(e.getKey()) != null) {
                e.getValue().reply().completeExceptionally(new IllegalStateException("the connection to " + c.remoteAddress()
                        + " closed before it answered"));
            }
        }
    }
}
