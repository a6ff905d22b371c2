package io.jdask.distributed.client;

import io.jdask.diagnostics.Callback;
import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.comm.MessageHandler;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.comm.Transport;
import io.jdask.distributed.protocol.ClientToScheduler;
import io.jdask.distributed.protocol.CodeMessage;
import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.SchedulerGreeting;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.Restrictions;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.protocol.WorkerToWorker;
import io.jdask.function.Fn1;
import io.jdask.function.Fn2;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import io.jdask.scheduler.ComputeCancelledException;
import io.jdask.scheduler.Scheduler;
import io.jdask.scheduler.Schedulers;
import io.jdask.scheduler.TaskFailedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** The {@link Client}: one connection to the scheduler, connections to workers for gathering. */
final class ClientImpl implements Client, Scheduler, MessageHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientImpl.class);
    private final String address;
    private final Transport transport;
    private final KeyTable table = new KeyTable();
    private final String name = "client-" + UUID.randomUUID().toString().substring(0, 8);
    private final Requests requests = new Requests(name);
    private ClusterOps ops;
    private final AtomicLong stimuli = new AtomicLong();
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jdask-client-callbacks");
        t.setDaemon(true);
        return t;
    });
    private final ClientCodeShipping code;
    private Connection scheduler;
    /** Every message of this class to the scheduler goes through it, after the releases it holds. */
    private ReleaseBatcher toScheduler;
    /** The scheduler's first message. */
    private final CompletableFuture<SchedulerGreeting> info = new CompletableFuture<>();
    private String dashboardLink = "";
    private Gatherer gatherer;
    private Schedulers.Scope defaultScope;
    private volatile boolean closed;

    private ClientImpl(String address, Transport transport, Client.Builder settings) {
        this.address = address;
        this.transport = transport;
        // the code id adds 64 random bits to the name, so two clients never share a class loader on a worker
        String codeId = name + "-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        this.code = ClientCodeShipping.create(codeId, settings.classLoader, settings.allowPackages, settings.shipCode);
    }

    static ClientImpl connect(String address, Security security, Duration timeout, boolean asDefault, Client.Builder settings) throws IOException {
        Transport t = Transport.create("client", security);
        ClientImpl c;
        try {
            c = new ClientImpl(address, t, settings);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        try {
            c.scheduler = t.connect(address, timeout, c);
        } catch (IOException | RuntimeException e) {
            t.close();
            c.callbacks.shutdownNow();
            c.code.close();
            throw e;
        }
        c.toScheduler = new ReleaseBatcher(c.scheduler, () -> c.sid("release"));
        c.code.registration(c.sid("code")).ifPresent(c.toScheduler::send);
        try {
            c.dashboardLink = c.info.get(timeout.toMillis(), TimeUnit.MILLISECONDS).dashboardLink();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.abandon();
            throw new IOException("interrupted while connecting to " + address, e);
        } catch (ExecutionException | TimeoutException e) {
            c.abandon();
            throw new IOException("the scheduler at " + address + " accepted the connection but sent no greeting within " + timeout.toMillis() + " ms", e);
        }
        if (!c.dashboardLink.isEmpty()) {
            LOG.info("client {} connected to {}, dashboard {}", c.name, address, c.dashboardLink);
        }
        c.gatherer = new Gatherer(t, c, c.name, c.table, c.scheduler);
        c.gatherer.decoder = c.code::decode;
        c.ops = new ClusterOps(c, c.scheduler, c.gatherer, c.requests, timeout);
        if (asDefault) {
            c.defaultScope = Schedulers.setDefault(c);
        }
        DistributedSchedulerProvider.opened(c);
        return c;
    }

    /** Closes what a connection that failed half-way opened. */
    private void abandon() {
        closed = true;
        scheduler.close();
        transport.close();
        callbacks.shutdownNow();
        code.close();
    }

    @Override
    public java.util.Optional<String> dashboardLink() {
        return dashboardLink.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(dashboardLink);
    }

    Executor callbacks() {
        return callbacks;
    }

    private String sid(String what) {
        return what + "-" + name + "-" + stimuli.incrementAndGet();
    }

    // ---- messages (I/O threads)

    @Override
    public void received(Connection c, Message m) {
        switch (m) {
            case SchedulerToClient s -> table.update(s);
            case SchedulerGreeting i -> info.complete(i);
            case WorkerToWorker.DataReply r -> gatherer.reply(r);
            case io.jdask.distributed.protocol.ClientReply r -> requests.reply(r);
            case CodeMessage.ArtifactRequest r -> code.serve(c, r);
            default -> { }
        }
    }

    @Override
    public void closed(Connection c, Throwable cause) {
        requests.closed(c);
        if (c == scheduler) {
            if (!closed) {
                table.failAll(new IllegalStateException("lost the connection to the scheduler at " + address
                        + (cause == null ? "" : ": " + cause.getMessage())));
            }
        } else if (gatherer != null) {
            gatherer.closed(c);
        }
    }

    // ---- Client

    @Override
    public String schedulerAddress() {
        return address;
    }

    @Override
    public Scheduler scheduler() {
        return this;
    }

    @Override
    public <R> ClusterFuture<R> submit(Fn0<R> fn) {
        return submit(TaskOptions.NONE, fn);
    }

    @Override
    public <A, R> ClusterFuture<R> submit(Fn1<A, R> fn, Object a) {
        return submit(TaskOptions.NONE, fn, a);
    }

    @Override
    public <A, B, R> ClusterFuture<R> submit(Fn2<A, B, R> fn, Object a, Object b) {
        return submit(TaskOptions.NONE, fn, a, b);
    }

    @Override
    public <A, R> List<ClusterFuture<R>> map(Fn1<A, R> fn, List<?> items) {
        return map(TaskOptions.NONE, fn, items);
    }

    @Override
    public <R> ClusterFuture<R> submit(TaskOptions options, Fn0<R> fn) {
        return this.<R>submitTasks(List.of(task("submit", new Calls.Call0(fn), List.of())), options).get(0);
    }

    @Override
    public <A, R> ClusterFuture<R> submit(TaskOptions options, Fn1<A, R> fn, Object a) {
        return this.<R>submitTasks(List.of(task("submit", new Calls.Call1(fn), List.of(a))), options).get(0);
    }

    @Override
    public <A, B, R> ClusterFuture<R> submit(TaskOptions options, Fn2<A, B, R> fn, Object a, Object b) {
        return this.<R>submitTasks(List.of(task("submit", new Calls.Call2(fn), List.of(a, b))), options).get(0);
    }

    @Override
    public <A, R> List<ClusterFuture<R>> map(TaskOptions options, Fn1<A, R> fn, List<?> items) {
        String prefix = "map-" + UUID.randomUUID().toString().substring(0, 12);
        TaskFunction f = new Calls.Call1(fn);
        List<Node> nodes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            nodes.add(new Task(Key.of(prefix, i), f, arg(items.get(i))));
        }
        return submitTasks(nodes, options);
    }

    private static Task task(String prefix, TaskFunction f, List<Object> args) {
        Arg[] a = new Arg[args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = arg(args.get(i));
        }
        return new Task(Key.of(prefix + "-" + UUID.randomUUID().toString().substring(0, 12)), f, a);
    }

    private static Arg arg(Object o) {
        return o instanceof ClusterFuture<?> f ? Arg.ref(f.key()) : Arg.value(o);
    }

    @Override
    public <T> ClusterFuture<T> scatter(T value) {
        return scatter(List.of(value)).get(0);
    }

    @Override
    public <T> List<ClusterFuture<T>> scatter(List<T> values) {
        String prefix = "scatter-" + UUID.randomUUID().toString().substring(0, 12);
        List<Node> nodes = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            nodes.add(new Literal(Key.of(prefix, i), values.get(i)));
        }
        return submitTasks(nodes, TaskOptions.NONE);
    }

    @Override
    public <T> List<ClusterFuture<T>> scatter(List<T> values, boolean broadcast) {
        List<ClusterFuture<T>> out = scatter(values);
        if (broadcast) {
            replicate(out);
        }
        return out;
    }

    @Override
    public void replicate(List<? extends ClusterFuture<?>> futures) {
        List<KeyTable.Entry> entries = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        for (ClusterFuture<?> f : futures) {
            keys.add(GraphSpecs.ours(this, f, f.key()));
            entries.add(((FutureImpl<?>) f).entry());
        }
        awaitAll(entries, keys);
        ops.replicate(keys);
    }

    /** Sends nodes whose dependencies the scheduler already knows (futures held by this client). */
    private <R> List<ClusterFuture<R>> submitTasks(List<Node> nodes, TaskOptions options) {
        Restrictions restrictions = options.restrictions();
        List<TaskSpec> specs = new ArrayList<>(nodes.size());
        List<Key> keys = new ArrayList<>(nodes.size());
        int order = 0;
        ClientCodeShipping.Payloads payloads = code.payloads();
        for (Node n : nodes) {
            specs.add(new TaskSpec(n.key(), payloads.payload(n), n.dependencies(), order++, restrictions, options.retries()));
            keys.add(n.key());
        }
        List<KeyTable.Entry> entries = table.acquire(keys);
        toScheduler.send(new ClientToScheduler.UpdateGraph(specs, keys, sid("submit")));
        List<ClusterFuture<R>> out = new ArrayList<>(entries.size());
        for (KeyTable.Entry e : entries) {
            out.add(new FutureImpl<>(this, e));
        }
        return out;
    }

    /** @return a writer of one submission's nodes */
    ClientCodeShipping.Payloads payloads() {
        return code.payloads();
    }

    /** @return this client's code shipping (tests) */
    ClientCodeShipping codeShipping() {
        return code;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T gather(Future<T> future) {
        return gather(List.of(future)).get(0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> gather(List<? extends Future<T>> futures) {
        List<FutureImpl<T>> ours = new ArrayList<>(futures.size());
        for (Future<T> f : futures) {
            if (!(f instanceof FutureImpl<T> fi) || fi.entry() == null) {
                throw new IllegalArgumentException("not a future of this client: " + f);
            }
            ours.add(fi);
        }
        for (FutureImpl<T> f : ours) {
            try {
                await(f.entry(), Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ComputeCancelledException("interrupted while waiting for " + f.key());
            } catch (TimeoutException te) {
                throw new IllegalStateException(te); // no timeout given
            }
        }
        LinkedHashSet<Key> needed = LinkedHashSet.newLinkedHashSet(ours.size());
        for (FutureImpl<T> f : ours) {
            KeyTable.Entry e = f.entry();
            switch (e.status) {
                case ERROR -> throw failure(e);
                case CANCELLED -> throw new CancellationException("task " + e.key + " was cancelled");
                default -> {
                    if (!f.hasValue()) {
                        needed.add(e.key);
                    }
                }
            }
        }
        Map<Key, Object> values = needed.isEmpty() ? Map.of() : gatherer.gather(new ArrayList<>(needed));
        List<T> out = new ArrayList<>(ours.size());
        for (FutureImpl<T> f : ours) {
            if (!f.hasValue()) {
                f.value((T) values.get(f.key()));
            }
            out.add(f.cachedValue());
        }
        return out;
    }

    /**
     * Waits until the key is final; for a {@link Future#get(long, TimeUnit)} the timeout counts.
     *
     * @throws InterruptedException when the waiting thread is interrupted (as {@link Future#get()} says)
     * @throws TimeoutException when the key is not final within the timeout (as {@link Future#get(long, TimeUnit)} says)
     */
    void await(KeyTable.Entry e, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        try {
            if (timeout == Long.MAX_VALUE) {
                e.done.get();
            } else {
                e.done.get(timeout, unit);
            }
        } catch (ExecutionException ee) {
            throw new IllegalStateException(ee.getCause().getMessage(), ee.getCause());
        } catch (TimeoutException te) {
            throw new TimeoutException("task " + e.key + " did not finish within " + unit.toMillis(timeout) + " ms");
        }
    }

    TaskFailedException failure(KeyTable.Entry e) {
        return new TaskFailedException(e.blamed != null ? e.blamed : e.key, remoteCause(e.error));
    }

    /** The exception a remote failure stands for: itself when it deserializes here, else its text. */
    Throwable remoteCause(ErrorInfo err) {
        if (err.exception().size() > 0) {
            try {
                Object o = code.decode(err.exception());
                if (o instanceof Throwable t) {
                    return t;
                }
            } catch (RuntimeException notHere) {
                // the exception's class is unknown or not allowed here: report it as text
            }
        }
        return new RemoteTaskException(err.exceptionType(), err.message(), err.stackTrace());
    }

    @Override
    public void wait(List<? extends ClusterFuture<?>> futures, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ClusterFuture<?> f : futures) {
            KeyTable.Entry e = entryOf(f);
            try {
                e.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException ee) {
                throw new IllegalStateException(ee.getCause().getMessage(), ee.getCause());
            } catch (TimeoutException te) {
                throw new TimeoutException("task " + e.key + " (and maybe others) still pending after " + timeout.toMillis() + " ms");
            }
        }
    }

    @Override
    public <T> java.util.Iterator<ClusterFuture<T>> asCompleted(List<ClusterFuture<T>> futures) {
        java.util.concurrent.LinkedBlockingQueue<ClusterFuture<T>> done = new java.util.concurrent.LinkedBlockingQueue<>();
        for (ClusterFuture<T> f : futures) {
            entryOf(f);
            f.onDone(done::add);
        }
        int total = futures.size();
        return new java.util.Iterator<>() {
            private int returned;

            @Override
            public boolean hasNext() {
                return returned < total;
            }

            @Override
            public ClusterFuture<T> next() {
                if (returned >= total) {
                    throw new java.util.NoSuchElementException("all " + total + " futures were returned");
                }
                try {
                    ClusterFuture<T> f = done.take();
                    returned++;
                    return f;
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ComputeCancelledException("interrupted while waiting for the next completed future");
                }
            }
        };
    }

    @Override
    public Map<Key, List<String>> whoHas(List<? extends ClusterFuture<?>> futures) {
        List<Key> keys = new ArrayList<>();
        for (ClusterFuture<?> f : futures) {
            keys.add(entryOf(f).key);
        }
        Map<Key, List<String>> out = new java.util.LinkedHashMap<>();
        for (Key k : keys) {
            KeyTable.Entry e = table.get(k);
            out.put(k, e == null ? List.of() : e.holders);
        }
        return out;
    }

    private static KeyTable.Entry entryOf(ClusterFuture<?> f) {
        if (!(f instanceof FutureImpl<?> fi)) {
            throw new IllegalArgumentException("not a future of a jdask client: " + f);
        }
        return fi.entry();
    }

    @Override
    public void cancel(List<? extends ClusterFuture<?>> futures) {
        List<Key> keys = futures.stream().map(ClusterFuture::key).toList();
        toScheduler.send(new ClientToScheduler.CancelKeys(keys, sid("cancel")));
    }

    void retry(List<? extends ClusterFuture<?>> futures) {
        List<Key> keys = futures.stream().map(ClusterFuture::key).toList();
        table.reset(keys);
        toScheduler.send(new ClientToScheduler.RetryKeys(keys, sid("retry")));
    }

    /** Sends the releases not sent yet (before a request whose answer may depend on them). */
    void flushReleases() {
        toScheduler.flush();
    }

    /** Drops a reference to each key; those no future refers to any more are released on the scheduler soon, in one message with others. */
    void release(List<Key> keys) {
        List<Key> gone = table.release(keys);
        if (!gone.isEmpty() && !closed) {
            toScheduler.release(gone);
        }
    }

    // ---- Scheduler (core's SPI)

    @Override
    public String name() {
        return "distributed";
    }

    @Override
    public List<Object> compute(TaskGraph graph, List<Key> outputs, Callback callback) {
        io.jdask.diagnostics.RunInfo run = ClusterOps.startRun(graph, outputs, callback);
        List<Key> wanted = new ArrayList<>(new LinkedHashSet<>(outputs));
        List<KeyTable.Entry> entries = submitGraph(graph, wanted);
        ComputeProgress progress = ComputeProgress.start(requests, scheduler, run, callback);
        try {
            awaitAll(entries, wanted, progress);
            Map<Key, Object> values = gatherer.gather(wanted);
            List<Object> out = new ArrayList<>(outputs.size());
            for (Key k : outputs) {
                out.add(values.get(k));
            }
            callback.onFinish(run, null);
            return out;
        } catch (RuntimeException e) {
            callback.onFinish(run, e);
            throw e;
        } finally {
            release(wanted);
        }
    }

    /** Runs a graph and answers each output's future (values stay on the workers): see {@link PersistScheduler}. */
    List<Object> persistGraph(TaskGraph graph, List<Key> outputs, Callback callback) {
        io.jdask.diagnostics.RunInfo run = ClusterOps.startRun(graph, outputs, callback);
        List<Key> wanted = new ArrayList<>(new LinkedHashSet<>(outputs));
        List<KeyTable.Entry> entries = submitGraph(graph, wanted);
        try {
            awaitAll(entries, wanted, ComputeProgress.start(requests, scheduler, run, callback));
        } catch (RuntimeException e) {
            release(wanted);
            callback.onFinish(run, e);
            throw e;
        }
        Map<Key, FutureImpl<Object>> futures = new java.util.HashMap<>();
        for (KeyTable.Entry e : entries) {
            futures.put(e.key, new FutureImpl<>(this, e));
        }
        List<Object> out = new ArrayList<>(outputs.size());
        for (Key k : outputs) {
            out.add(futures.get(k));
        }
        callback.onFinish(run, null);
        return out;
    }

    /** Sends a graph in one message, holding a reference to each wanted key. */
    private List<KeyTable.Entry> submitGraph(TaskGraph graph, List<Key> wanted) {
        List<TaskSpec> specs = GraphSpecs.of(this, graph);
        List<KeyTable.Entry> entries = table.acquire(wanted);
        toScheduler.send(new ClientToScheduler.UpdateGraph(specs, wanted, sid("compute")));
        return entries;
    }

    /** Waits until every entry is final; throws the first failure or cancellation. */
    private void awaitAll(List<KeyTable.Entry> entries, List<Key> wanted) {
        awaitAll(entries, wanted, null);
    }

    /** The same, then reports the run's remaining finished tasks to its callbacks ({@code progress} may be null). */
    private void awaitAll(List<KeyTable.Entry> entries, List<Key> wanted, ComputeProgress progress) {
        CompletableFuture<Void> all = CompletableFuture.allOf(entries.stream().map(e -> e.done).toArray(CompletableFuture[]::new));
        try {
            try {
                all.get();
            } finally {
                if (progress != null) {
                    progress.finish();
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            toScheduler.send(new ClientToScheduler.CancelKeys(wanted, sid("interrupted")));
            throw new ComputeCancelledException("interrupted while the cluster computed " + wanted.size() + " key(s)");
        } catch (ExecutionException ee) {
            throw new IllegalStateException(ee.getCause().getMessage(), ee.getCause());
        }
        for (KeyTable.Entry e : entries) {
            if (e.status == ClusterFuture.Status.ERROR) {
                throw failure(e);
            }
            if (e.status == ClusterFuture.Status.CANCELLED) {
                throw new ComputeCancelledException("key " + e.key + " was cancelled on the cluster");
            }
        }
    }

    /** Futures for keys the scheduler already knows (a dataset's), wanted by this client from now on. */
    <R> List<ClusterFuture<R>> want(List<Key> keys) {
        List<KeyTable.Entry> entries = table.acquire(keys);
        toScheduler.send(new ClientToScheduler.UpdateGraph(List.of(), keys, sid("want")));
        List<ClusterFuture<R>> out = new ArrayList<>(entries.size());
        for (KeyTable.Entry e : entries) {
            out.add(new FutureImpl<>(this, e));
        }
        return out;
    }

    // ---- cluster management (ClusterOps)

    @Override
    public <C extends io.jdask.Lazy<?>> C persist(C collection) {
        return io.jdask.Jdask.with(new PersistScheduler(this)).persist(collection).get(collection);
    }

    @Override
    public void unpersist(io.jdask.Lazy<?> persisted) {
        ClusterOps.releaseAll(persisted);
    }

    @Override
    public void publishDataset(String name, List<? extends ClusterFuture<?>> futures, boolean overwrite) {
        ops.publish(name, futures, overwrite);
    }

    @Override
    public void publishDataset(String name, io.jdask.Lazy<?> collection, boolean overwrite) {
        ops.publish(name, collection, overwrite);
    }

    @Override
    public <T> T getDataset(String name) {
        return ops.getDataset(name);
    }

    @Override
    public void unpublishDataset(String name) {
        ops.unpublish(name);
    }

    @Override
    public List<String> listDatasets() {
        return ops.listDatasets();
    }

    @Override
    public <R> Map<String, R> run(Fn0<R> fn) {
        return ops.run(fn);
    }

    @Override
    public void restart(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("restart timeout must be >= 0, got " + timeout);
        }
        ops.restart(timeout);
    }

    @Override
    public void retireWorkers(List<String> workers, Duration timeout) throws TimeoutException {
        ops.retire(workers, timeout);
    }

    @Override
    public Map<String, List<Key>> hasWhat() {
        return ops.hasWhat();
    }

    @Override
    public SchedulerInfo schedulerInfo() {
        return ops.schedulerInfo();
    }

    @Override
    public List<String> getSchedulerLogs() {
        return ops.schedulerLogs();
    }

    @Override
    public Map<String, List<String>> getWorkerLogs() {
        return ops.workerLogs();
    }

    @Override
    public void progress(List<? extends ClusterFuture<?>> futures, Callback callback) throws InterruptedException {
        FutureProgress.run(futures, callback);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        DistributedSchedulerProvider.closed(this);
        if (defaultScope != null) {
            defaultScope.close();
        }
        if (scheduler.isOpen()) {
            toScheduler.send(new ClientToScheduler.CloseClient(sid("close")));
        }
        gatherer.close();
        scheduler.close();
        transport.close();
        callbacks.shutdownNow();
        code.close();
    }

    @Override
    public String toString() {
        return "Client[" + name + " -> " + address + "]";
    }
}
