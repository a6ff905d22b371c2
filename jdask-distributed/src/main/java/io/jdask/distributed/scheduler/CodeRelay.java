package io.jdask.distributed.scheduler;

import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.protocol.CodeMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's part in code shipping: it keeps each connected client's code manifest, answers
 * workers' {@link CodeMessage.FetchCode}, and relays {@link CodeMessage.FetchArtifact} to the
 * client that registered the code and the bytes back, never opening them. Owned by the event-loop
 * thread; messages are sent (written and flushed) at once, since a worker waits on them.
 */
final class CodeRelay {
    private static final Logger LOG = LoggerFactory.getLogger(CodeRelay.class);

    private record Registered(Connection client, CodeMessage.RegisterCode code) {}

    /** A worker's artifact request on its way to a client. */
    private record Pending(Connection worker, long workerRequest, Connection client, String sha256) {}

    private final Supplier<Collection<Connection>> workers;
    private final Map<String, Registered> byClient = new HashMap<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    /** The code of departed clients whose published datasets outlive them, by code id. */
    private final Map<String, CodeMessage.RegisterCode> departed = new HashMap<>();
    /** The code ids of each departed publisher (the scheduler's client id). */
    private final Map<String, List<String>> departedBy = new HashMap<>();
    private long requests;

    /** @param workers the workers' connections now (asked when a client leaves) */
    CodeRelay(Supplier<Collection<Connection>> workers) {
        this.workers = workers;
    }

    /**
     * @param from the connection it came on
     * @param isClient whether that is a client's connection
     * @param isWorker whether that is a worker's connection
     * @param m the message
     */
    void received(Connection from, boolean isClient, boolean isWorker, CodeMessage m) {
        switch (m) {
            case CodeMessage.RegisterCode r when isClient -> register(from, r);
            case CodeMessage.FetchCode f when isWorker -> {
                Registered reg = byClient.get(f.clientId());
                CodeMessage.RegisterCode c = reg != null ? reg.code() : departed.get(f.clientId());
                if (c == null) {
                    from.send(new CodeMessage.ArtifactMissing(f.requestId(), "", "client " + f.clientId()
                            + " is not connected to the scheduler (or registered no code)", f.stimulusId()));
                } else {
                    from.send(new CodeMessage.CodeManifest(f.requestId(), c.clientId(), c.artifacts(), c.allowedPackages(), f.stimulusId()));
                }
            }
            case CodeMessage.FetchArtifact f when isWorker -> {
                Registered reg = byClient.get(f.clientId());
                if (reg == null) {
                    from.send(new CodeMessage.ArtifactMissing(f.requestId(), f.sha256(), "client " + f.clientId()
                            + " is not connected to the scheduler, so it cannot send its artifact"
                            + (departed.containsKey(f.clientId()) ? " (its published datasets run only on workers that"
                                    + " cached its code before it left)" : ""), f.stimulusId()));
                    return;
                }
                long id = ++requests;
                pending.put(id, new Pending(from, f.requestId(), reg.client(), f.sha256()));
                reg.client().send(new CodeMessage.ArtifactRequest(f.sha256(), id, f.stimulusId()));
            }
            case CodeMessage.ArtifactData d when isClient -> {
                Pending p = pending.remove(d.requestId());
                if (p != null && p.client() == from) {
                    p.worker().send(new CodeMessage.ArtifactData(p.workerRequest(), d.sha256(), d.bytes(), d.stimulusId()));
                }
            }
            case CodeMessage.ArtifactMissing a when isClient -> {
                Pending p = pending.remove(a.requestId());
                if (p != null && p.client() == from) {
                    p.worker().send(new CodeMessage.ArtifactMissing(p.workerRequest(), a.sha256(), a.reason(), a.stimulusId()));
                }
            }
            default -> {
                LOG.warn("unexpected {} from {} (client: {}, worker: {}); closing it", m.getClass().getSimpleName(), from, isClient, isWorker);
                from.close();
            }
        }
    }

    private void register(Connection client, CodeMessage.RegisterCode r) {
        Registered old = byClient.get(r.clientId());
        if (old != null && old.client() != client && old.client().isOpen()) {
            LOG.warn("client id {} registered code from a second connection {}; refusing it", r.clientId(), client);
            return;
        }
        byClient.put(r.clientId(), new Registered(client, r));
    }

    /**
     * A connection closed: forget its code, tell the workers to release it, and answer the requests
     * waiting on it. Called after the scheduler released the client's keys, so the workers get
     * those messages first. A client whose published datasets outlive it keeps its code on the
     * workers (and its manifest here) until {@link #releaseDeparted} says the last dataset is gone:
     * their tasks may not have run yet.
     *
     * @param keepFor the scheduler's id of the departed client whose code stays, or null to release it now
     */
    void closed(Connection c, String keepFor) {
        for (Iterator<Registered> it = byClient.values().iterator(); it.hasNext(); ) {
            Registered r = it.next();
            if (r.client() == c) {
                it.remove();
                if (keepFor != null) {
                    departed.put(r.code().clientId(), r.code());
                    departedBy.computeIfAbsent(keepFor, k -> new ArrayList<>()).add(r.code().clientId());
                } else {
                    release(r.code().clientId());
                }
            }
        }
        for (Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Pending p = it.next().getValue();
            if (p.worker() == c) {
                it.remove();
            } else if (p.client() == c) {
                it.remove();
                p.worker().send(new CodeMessage.ArtifactMissing(p.workerRequest(), p.sha256(),
                        "the client disconnected before sending the artifact", "client-gone"));
            }
        }
    }

    /** The last published dataset of the departed client {@code publisher} is gone: the workers let go of its code. */
    void releaseDeparted(String publisher) {
        List<String> ids = departedBy.remove(publisher);
        if (ids != null) {
            for (String id : ids) {
                departed.remove(id);
                release(id);
            }
        }
    }

    private void release(String codeId) {
        for (Connection w : workers.get()) {
            w.send(new CodeMessage.ReleaseCode(codeId, "client-gone"));
        }
    }
}
