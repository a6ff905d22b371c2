package io.jdask.distributed.worker;

import io.jdask.distributed.code.CodeArtifact;
import io.jdask.distributed.code.CodeEnvelope;
import io.jdask.distributed.protocol.CodeMessage;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.TaskPayloads;
import io.jdask.distributed.worker.code.ClientCode;
import io.jdask.distributed.worker.code.CodeCache;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.serialize.Serialization;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@link TaskCodec} with code shipping. A payload in a {@link CodeEnvelope} is read
 * with the serialization of the client it names: that client's class loader over the jars it
 * shipped (fetched through {@link CodeFetcher} into the {@link CodeCache} when missing) and its
 * allowed packages. The worker remembers which client each such key belongs to, so the value is
 * written back in an envelope with the same client's serialization (to the client, to peers).
 * Payloads without an envelope are read and written by {@link TaskCodec#standard()}.
 *
 * <p>It is also the gate of scheduler messages: a {@code ComputeTask} of a client whose code is not
 * loaded yet is held, with every scheduler message behind it (order matters to the worker's state
 * machine), while a code-loading thread fetches the client's manifest and artifacts; then they are
 * delivered in order. When loading fails the task is delivered anyway and fails with the reason.
 */
final class ShippedCodeCodec implements TaskCodec, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShippedCodeCodec.class);

    private record Held(String client, Runnable deliver) {}

    private final TaskCodec plain = TaskCodec.standard();
    private final Path cacheDirectory;
    private final CodeFetcher fetcher;
    private final OwnClassPath own;
    private final String worker;
    private final Map<Key, String> owners = new ConcurrentHashMap<>();
    /** Clients that left while this worker still held values of theirs. */
    private final Set<String> leaving = ConcurrentHashMap.newKeySet();
    /** How many keys of {@link #owners} each client owns (a client absent here owns none). */
    private final Map<String, Integer> owned = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /** Deserialized task functions per client serialization (one per client class loader). */
    private final Map<Serialization, TaskPayloads.FunctionCache> functions = new ConcurrentHashMap<>();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jdask-worker-code");
        t.setDaemon(true);
        return t;
    });
    private volatile ClientCode clients;
    /** The shared head of joined task payloads opened last, with its envelope. */
    private volatile OpenedHead lastHead;

    ShippedCodeCodec(Path cacheDirectory, CodeFetcher fetcher, OwnClassPath own, String worker) {
        this.cacheDirectory = cacheDirectory;
        this.fetcher = fetcher;
        this.own = own;
        this.worker = worker;
    }

    /** The registry, made (with its cache directory) when the first client's code is loaded. */
    private ClientCode clients() {
        ClientCode c = clients;
        if (c == null) {
            synchronized (this) {
                c = clients;
                if (c == null) {
                    c = ClientCode.create(new CodeCache(cacheDirectory), ShippedCodeCodec.class.getClassLoader());
                    clients = c;
                }
            }
        }
        return c;
    }

    private Optional<ClientCode.Registration> registration(String clientId) {
        ClientCode c = clients;
        return c == null ? Optional.empty() : c.client(clientId);
    }

    private ClientCode.Registration require(String clientId, Object what) {
        return registration(clientId).orElseThrow(() -> new IllegalStateException("worker " + worker + " cannot read " + what
                + ": the code of client " + clientId + " is not loaded here"
                + Optional.ofNullable(failures.get(clientId)).map(f -> " (" + f + ")").orElse("")));
    }

    // ---- the gate (I/O thread, in the order the scheduler sent)

    /** Delivers a scheduler message now, or after the code its task (or a message before it) needs. */
    void deliver(Message m, Runnable deliver) {
        String client = m instanceof SchedulerToWorker.ComputeTask ct ? clientOf(ct.payload()) : null;
        if (client != null) {
            // the task's key belongs to its client from now on: a ReleaseCode that arrives before
            // the task runs must not close the loader the task will be read with
            own(((SchedulerToWorker.ComputeTask) m).key(), client);
        }
        synchronized (held) {
            if (held.isEmpty() && (client == null || registration(client).isPresent())) {
                deliver.run();
                return;
            }
            if (held.isEmpty() && client != null) {
                CompletableFuture<Void> a = attempts.get(client);
                if (a != null && a.isDone()) {
                    attempts.remove(client, a); // an earlier attempt failed: this task tries again
                }
            }
            held.add(new Held(client, deliver));
        }
        drain();
    }

    /**
     * Delivers several scheduler messages at once when none has to wait: nothing is held and the
     * code of every task's client is loaded (or it ships none).
     *
     * @return whether it delivered them; when not, the caller delivers each through {@link #deliver}
     */
    boolean deliverAllNow(List<SchedulerToWorker> ms, Runnable deliver) {
        synchronized (held) {
            if (!held.isEmpty()) {
                return false;
            }
            String[] clients = new String[ms.size()];
            for (int i = 0; i < clients.length; i++) {
                String client = ms.get(i) instanceof SchedulerToWorker.ComputeTask ct ? clientOf(ct.payload()) : null;
                if (client != null && registration(client).isEmpty()) {
                    return false;
                }
                clients[i] = client;
            }
            for (int i = 0; i < clients.length; i++) {
                if (clients[i] != null) {
                    own(((SchedulerToWorker.ComputeTask) ms.get(i)).key(), clients[i]);
                }
            }
            deliver.run();
            return true;
        }
    }

    /**
     * The envelope of a payload; that of a joined payload is in its shared head, opened once for
     * all the payloads that share the head last seen (the body is then the head's rest only, and
     * a view shared by those readers: they read it through {@code duplicate()}).
     */
    private Optional<CodeEnvelope.Opened> envelope(Payload p) {
        Payload head = p.head();
        if (head == null) {
            return CodeEnvelope.open(p.buffer());
        }
        OpenedHead last = lastHead;
        if (last != null && last.head() == head) {
            return last.envelope();
        }
        Optional<CodeEnvelope.Opened> env = CodeEnvelope.open(head.buffer());
        lastHead = new OpenedHead(head, env);
        return env;
    }

    private record OpenedHead(Payload head, Optional<CodeEnvelope.Opened> envelope) {}

    private String clientOf(Payload p) {
        if (p.hasValue()) {
            return null; // a block the transport read as it arrived: never in an envelope
        }
        try {
            return envelope(p).map(CodeEnvelope.Opened::clientId).orElse(null);
        } catch (IllegalArgumentException bad) {
            return null; // the task fails when it is read, with this message
        }
    }

    private void drain() {
        synchronized (held) {
            while (!held.isEmpty()) {
                Held h = held.peek();
                if (h.client() != null && registration(h.client()).isEmpty()) {
                    CompletableFuture<Void> a = attempts.computeIfAbsent(h.client(), this::load);
                    if (!a.isDone()) {
                        a.whenComplete((v, e) -> drain());
                        return;
                    }
                }
                held.poll();
                h.deliver().run();
            }
        }
    }

    private CompletableFuture<Void> load(String clientId) {
        if (loader.isShutdown()) {
            return CompletableFuture.failedFuture(new IllegalStateException("worker " + worker + " is closing"));
        }
        return CompletableFuture.runAsync(() -> {
            try {
                CodeMessage.CodeManifest m = fetcher.manifest(clientId);
                List<CodeArtifact> wanted = m.artifacts().stream().filter(a -> !own.has(a)).toList();
                clients().register(clientId, wanted, m.allowedPackages(), a -> fetcher.artifact(clientId, a));
                failures.remove(clientId);
            } catch (Exception | LinkageError e) {
                String why = e.getMessage();
                failures.put(clientId, why == null ? e.toString() : why);
                LOG.warn("worker {}: cannot load the code of client {}: {}", worker, clientId, why);
                throw new IllegalStateException(why, e);
            }
        }, loader);
    }

    /**
     * The client left: close its loader (its cached jars stay) once this worker holds no value of
     * that client any more. Values it published as a dataset outlive it, so until the scheduler
     * frees the last of them they are still read, sized and sent with its code.
     */
    void release(String clientId) {
        leaving.add(clientId);
        attempts.remove(clientId);
        failures.remove(clientId);
        releaseIfUnused(clientId);
    }

    private void releaseIfUnused(String clientId) {
        if (owned.containsKey(clientId) || !leaving.remove(clientId)) {
            return;
        }
        ClientCode c = clients;
        if (c != null) {
            // the functions read with the client's loader go with it
            c.client(clientId).ifPresent(r -> functions.remove(r.serialization()));
        }
        if (c != null && c.release(clientId)) {
            LOG.debug("worker {}: released the code of client {}", worker, clientId);
        }
    }

    /** A code-shipping answer from the scheduler (I/O thread). */
    void received(CodeMessage m) {
        fetcher.received(m);
    }

    /** The scheduler connection is gone. */
    void schedulerLost(String reason) {
        fetcher.failAll(reason);
    }

    // ---- TaskCodec

    @Override
    public Node readTask(Payload payload) {
        return plain.readTask(payload);
    }

    @Override
    public Node readTask(Key key, Payload payload) {
        Optional<CodeEnvelope.Opened> env = envelope(payload);
        if (env.isEmpty()) {
            return plain.readTask(key, payload);
        }
        if (TaskPayloads.isTask(env.get().body())) {
            String client = env.get().clientId();
            ClientCode.Registration reg = require(client, key);
            TaskPayloads.FunctionCache cache = functions.computeIfAbsent(reg.serialization(), TaskPayloads.FunctionCache::new);
            Node task = payload.head() != null ? cache.read(key, env.get().body(), payload.tail().buffer()) : cache.read(key, env.get().body());
            own(key, client);
            return task;
        }
        Object o = readValue(key, payload);
        if (!(o instanceof Node n)) {
            throw new IllegalArgumentException("the payload of task " + key + " holds a " + (o == null ? "null" : o.getClass().getName())
                    + ", not a graph node");
        }
        return n;
    }

    @Override
    public Object readValue(Payload payload) {
        return read(null, payload);
    }

    @Override
    public Object readValue(Key key, Payload payload) {
        return read(key, payload);
    }

    private Object read(Key key, Payload payload) {
        if (payload.hasValue()) {
            return plain.readValue(payload); // a block the transport read as it arrived: no envelope
        }
        Optional<CodeEnvelope.Opened> env = CodeEnvelope.open(payload.buffer());
        if (env.isEmpty()) {
            return plain.readValue(payload);
        }
        String client = env.get().clientId();
        ClientCode.Registration reg = require(client, key == null ? "a value" : key);
        // the body runs to the end of the payload: read it in place (a boxed number without a copy)
        byte[] all = payload.array();
        int n = env.get().body().remaining();
        Object value = reg.serialization().fromBytes(all, all.length - n, n);
        if (key != null) {
            own(key, client);
        }
        return value;
    }

    @Override
    public Payload writeValue(Object value) {
        return plain.writeValue(value);
    }

    @Override
    public Payload writeValue(Key key, Object value) {
        String client = owners.get(key);
        if (client == null) {
            return plain.writeValue(value);
        }
        ClientCode.Registration reg = require(client, key);
        return Payload.wrap(CodeEnvelope.wrap(client, reg.serialization().toBytes(value)));
    }

    @Override
    public <T> T run(Key key, Callable<T> work) throws Exception {
        Optional<ClientCode.Registration> reg = clientCode(key);
        return reg.isPresent() ? reg.get().call(work) : work.call();
    }

    @Override
    public long sizeOf(Object value) {
        return plain.sizeOf(value);
    }

    @Override
    public long sizeOf(Key key, Object value) {
        Optional<ClientCode.Registration> reg = clientCode(key);
        return reg.isPresent() ? reg.get().serialization().sizeOf(value) : plain.sizeOf(value);
    }

    @Override
    public Serialization storeSerialization(Key key) {
        return clientCode(key).map(ClientCode.Registration::serialization).orElse(null);
    }

    private Optional<ClientCode.Registration> clientCode(Key key) {
        String client = owners.get(key);
        return client == null ? Optional.empty() : registration(client);
    }

    private void own(Key key, String client) {
        String before = owners.put(key, client);
        if (!client.equals(before)) {
            count(client, 1);
            if (before != null) {
                count(before, -1);
            }
        }
    }

    private void count(String client, int delta) {
        owned.merge(client, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    @Override
    public void forget(Key key) {
        String client = owners.remove(key);
        if (client != null) {
            count(client, -1);
        }
        if (client != null && leaving.contains(client)) {
            releaseIfUnused(client);
        }
    }

    @Override
    public boolean standardFormat(Key key) {
        return !owners.containsKey(key);
    }

    /** @return how many clients' task functions are cached (tests) */
    int functionCaches() {
        return functions.size();
    }

    /** @return the clients whose code is loaded */
    List<String> loadedClients() {
        ClientCode c = clients;
        return c == null ? List.of() : c.clients();
    }

    @Override
    public void close() {
        loader.shutdownNow();
        ClientCode c = clients;
        if (c != null) {
            c.close();
        }
    }
}
