package io.jdask.distributed.worker;

import io.jdask.distributed.code.CodeArtifact;
import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.protocol.CodeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker's requests for code over its scheduler connection: a client's manifest
 * ({@link CodeMessage.FetchCode}) and an artifact's bytes ({@link CodeMessage.FetchArtifact}),
 * which the scheduler relays to the client. Callers block (on the code-loading thread, never an
 * I/O thread) until the answer arrives, the connection is lost, or the timeout passes.
 * Thread-safe.
 */
final class CodeFetcher {
    private final Connection scheduler;
    private final Duration timeout;
    private final String worker;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<CodeMessage>> pending = new ConcurrentHashMap<>();
    private volatile String failed;

    CodeFetcher(Connection scheduler, Duration timeout, String worker) {
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.worker = worker;
    }

    /** @return the code a client registered with the scheduler */
    CodeMessage.CodeManifest manifest(String clientId) throws IOException {
        long id = ids.incrementAndGet();
        CodeMessage answer = ask(id, new CodeMessage.FetchCode(clientId, id, "fetch-code-" + worker + "-" + id),
                "the code of client " + clientId);
        return switch (answer) {
            case CodeMessage.CodeManifest m -> m;
            case CodeMessage.ArtifactMissing m -> throw new IOException("the scheduler has no code of client " + clientId + ": " + m.reason());
            default -> throw new IOException("unexpected answer " + answer + " to a request for the code of client " + clientId);
        };
    }

    /** @return the bytes of one of a client's artifacts, as the client sent them (the cache verifies them) */
    InputStream artifact(String clientId, CodeArtifact a) throws IOException {
        long id = ids.incrementAndGet();
        String what = "artifact " + a.name() + " (" + a.sha256() + ") of client " + clientId;
        CodeMessage answer = ask(id, new CodeMessage.FetchArtifact(clientId, a.sha256(), id, "fetch-artifact-" + worker + "-" + id), what);
        return switch (answer) {
            case CodeMessage.ArtifactData d -> new ByteArrayInputStream(d.bytes().toByteArray());
            case CodeMessage.ArtifactMissing m -> throw new IOException(what + " could not be fetched: " + m.reason());
            default -> throw new IOException("unexpected answer " + answer + " to a request for " + what);
        };
    }

    private CodeMessage ask(long id, CodeMessage request, String what) throws IOException {
        CompletableFuture<CodeMessage> f = new CompletableFuture<>();
        pending.put(id, f);
        try {
            String down = failed;
            if (down != null) {
                throw new IOException("cannot fetch " + what + ": " + down);
            }
            scheduler.send(request);
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + what, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot fetch " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout.toSeconds() + " s to a request for " + what, e);
        } finally {
            pending.remove(id);
        }
    }

    /** An answer arrived (I/O thread). */
    void received(CodeMessage m) {
        long id = switch (m) {
            case CodeMessage.CodeManifest c -> c.requestId();
            case CodeMessage.ArtifactData d -> d.requestId();
            case CodeMessage.ArtifactMissing a -> a.requestId();
            default -> -1;
        };
        CompletableFuture<CodeMessage> f = pending.get(id);
        if (f != null) {
            f.complete(m);
        }
    }

    /** The scheduler connection is gone: every waiting and later request fails with the reason. */
    void failAll(String reason) {
        failed = reason;
        for (CompletableFuture<CodeMessage> f : List.copyOf(pending.values())) {
            f.completeExceptionally(new IOException(reason));
        }
    }
}
