package io.jdask.distributed.scheduler;

import io.jdask.distributed.comm.Addresses;
import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.comm.Listener;
import io.jdask.distributed.comm.MessageHandler;
import io.jdask.distributed.comm.Transport;
import io.jdask.distributed.protocol.ClientToScheduler;
import io.jdask.distributed.protocol.CodeMessage;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.SchedulerGreeting;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.WorkerMetrics;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.protocol.WorkerToScheduler;
import io.jdask.distributed.scheduler.state.SchedulerEvent;
import io.jdask.distributed.scheduler.state.SchedulerInstruction;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.distributed.util.StringMap;
import io.jdask.graph.Key;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler process. Netty's I/O threads only enqueue: every decoded message, opened and
 * closed connection becomes a task on the inbox, and one event-loop thread runs them in order
 * against the {@link SchedulerState}, sends the instructions that come back, and ticks. No other
 * thread touches the state or the connection maps.
 */
final class SchedulerProcess implements SchedulerServer, MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerProcess.class);
    /** Events handled before the loop flushes its connections. */
    private static final int BATCH = 4096;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final SchedulerServer.Builder settings;
    private final Transport transport;
    private final SchedulerState state;
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final Thread loop;
    private final Plugins plugins;
    private final SchedulerDashboard dashboard;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;
    private Listener listener;
    private String address;

    // owned by the loop thread
    // looked up for every message out: StringMaps, whose String calls bind statically (see OpenHashMap)
    private final StringMap<Connection> workers = new StringMap<>();
    // Connections are compared by identity: IdentityHashMap makes no hashCode/equals call whose JIT
    // profile other code of the process could pollute (see OpenHashMap)
    private final Map<Connection, String> workerOf = new IdentityHashMap<>();
    private final Map<String, WorkerInfo> workerInfo = new HashMap<>();
    private final StringMap<Connection> clients = new StringMap<>();
    private final Map<Connection, String> clientOf = new IdentityHashMap<>();
    /** Connections written to since the last flush (as keys). */
    private final Map<Connection, Boolean> dirty = new IdentityHashMap<>();
    private final CodeRelay code = new CodeRelay(() -> all(workers));
    /** Clients gone (or going) whose published datasets outlive them, until their connection closes. */
    private final Map<Connection, String> publishersGone = new IdentityHashMap<>();
    private long clientCounter;
    private long stimuli;
    private long idleSince = System.nanoTime();
    /** When closing: the {@link System#nanoTime()} after which connections are closed even if workers have not hung up. */
    private long closeDeadline;
    private boolean closing;
    private final ClientRequests requests;

    private SchedulerProcess(SchedulerServer.Builder settings, SchedulerDashboard dashboard) {
        this.settings = settings;
        this.transport = Transport.create("scheduler", settings.security);
        this.state = new SchedulerState(settings.config, System::nanoTime);
        this.requests = new ClientRequests(state, this::apply, () -> address, clients::size, workerInfo::values, this::datasetRemoved);
        this.dashboard = dashboard;
        List<SchedulerPlugin> all = new ArrayList<>(settings.plugins);
        if (dashboard != null) {
            all.add(dashboard);
        }
        this.plugins = new Plugins(all);
        if (plugins.watchTransitions()) {
            state.transitionListener(plugins);
        }
        this.loop = new Thread(this::run, "jdask-scheduler-loop");
        loop.setDaemon(true);
    }

    static SchedulerProcess start(SchedulerServer.Builder settings) throws IOException {
        SchedulerDashboard dashboard = settings.dashboardAddress == null ? null : openDashboard(settings.dashboardAddress, settings.security);
        SchedulerProcess p = new SchedulerProcess(settings, dashboard);
        try {
            p.listener = p.transport.listen(settings.host, settings.port, p);
        } catch (IOException e) {
            p.transport.close();
            if (dashboard != null) {
                dashboard.close();
            }
            throw e;
        }
        int port = Addresses.parse(p.listener.address()).getPort();
        p.address = Addresses.format(advertised(settings), port, p.transport.tls());
        p.plugins.started(p);
        p.loop.start();
        return p;
    }

    /** Finds the dashboard module through the service loader; without it, says so and serves none. */
    private static SchedulerDashboard openDashboard(String address, io.jdask.distributed.comm.Security security) throws IOException {
        for (SchedulerDashboard.Factory f : ServiceLoader.load(SchedulerDashboard.Factory.class, SchedulerProcess.class.getClassLoader())) {
            return f.open(address, security);
        }
        LOG.warn("no dashboard served at {}: the module jdask-dashboard is not on the class path", address);
        return null;
    }

    @Override
    public Optional<String> dashboardLink() {
        return dashboard == null ? Optional.empty() : Optional.of(dashboard.link());
    }

    private static String advertised(SchedulerServer.Builder s) {
        if (s.advertisedHost != null) {
            return s.advertisedHost;
        }
        if (s.host.equals("0.0.0.0") || s.host.equals("::") || s.host.isEmpty()) {
            try {
                return InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                return "127.0.0.1";
            }
        }
        return s.host;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public List<WorkerInfo> workers() {
        return ask(s -> new ArrayList<>(workerInfo.values()));
    }

    @Override
    public int clientCount() {
        return ask(s -> clients.size());
    }

    /** Runs a query on the loop thread and waits for its answer. */
    <T> T ask(Function<SchedulerState, T> query) {
        CompletableFuture<T> f = new CompletableFuture<>();
        inbox.add(() -> f.complete(query.apply(state)));
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the scheduler", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the scheduler's event loop did not answer: " + e, e);
        }
    }

    @Override
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (!running) {
            awaitQuietly();
            return;
        }
        inbox.add(() -> beginClose("the scheduler is closing", "scheduler-close"));
        awaitQuietly();
    }

    private void awaitQuietly() {
        try {
            closed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- I/O threads: enqueue only

    @Override
    public void opened(Connection c) {
        inbox.add(() -> {
            if (c.peer().role().equals("client")) {
                String id = "client-" + (++clientCounter);
                clients.put(id, c);
                clientOf.put(c, id);
                c.send(new SchedulerGreeting(dashboard == null ? "" : dashboard.link(), sid("info")));
            }
        });
    }

    @Override
    public void received(Connection c, Message m) {
        inbox.add(() -> onMessage(c, m));
    }

    /** A batch is one piece of work for the loop: one queue entry and one wake-up. */
    @Override
    public void receivedAll(Connection c, List<Message> ms) {
        inbox.add(() -> {
            for (Message m : ms) {
                runSafely(() -> onMessage(c, m));
            }
        });
    }

    @Override
    public void closed(Connection c, Throwable cause) {
        inbox.add(() -> onClosed(c, cause));
    }

    // ---- the loop thread

    private void run() {
        long tickNanos = settings.tickInterval.toNanos();
        long nextTick = System.nanoTime() + tickNanos;
        try {
            while (running) {
                long wait = nextTick - System.nanoTime();
                Runnable r = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
                int n = 0;
                while (r != null) {
                    runSafely(r);
                    if (++n == BATCH) {
                        break;
                    }
                    r = inbox.poll();
                }
                flush();
                if (!plugins.isEmpty()) {
                    plugins.afterBatch(state, System.nanoTime());
                }
                if (closing && (workers.isEmpty() || System.nanoTime() - closeDeadline >= 0)) {
                    running = false;
                    break;
                }
                if (System.nanoTime() - nextTick >= 0) {
                    nextTick = System.nanoTime() + tickNanos;
                    apply(state.handle(new SchedulerEvent.Tick(sid("tick"))));
                    flush();
                    checkIdle();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdown();
        }
    }

    private void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // a bug in the state machine or a bad message: log it with its story and go on
            LOG.error("scheduler event failed", e);
        }
    }

    private void checkIdle() {
        if (settings.idleTimeout.isZero()) {
            return;
        }
        if (!clients.isEmpty() || state.taskCount() > 0) {
            idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince > settings.idleTimeout.toNanos()) {
            System.err.println("scheduler " + address + ": idle for " + settings.idleTimeout.toSeconds() + " s without clients or tasks, closing");
            beginClose("the scheduler closed after its idle timeout", sid("idle"));
        }
    }

    /**
     * Tells every worker to close and lets the loop run on until they have hung up (or
     * {@link #CLOSE_GRACE} has passed). Closing the sockets at once would race the message: a
     * socket closed with unread bytes (a heartbeat in flight) is reset, and a reset peer drops
     * what it had received but not yet read, so the worker would report a lost connection.
     */
    private void beginClose(String reason, String stimulusId) {
        if (closing) {
            return;
        }
        for (Connection c : workers.values()) {
            c.send(new SchedulerToWorker.CloseWorker(reason, stimulusId));
        }
        closing = true;
        closeDeadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    }

    private void shutdown() {
        listener.close();
        for (Connection c : all(workers)) {
            c.close();
        }
        for (Connection c : all(clients)) {
            c.close();
        }
        transport.close();
        plugins.closed();
        if (dashboard != null) {
            dashboard.close();
        }
        running = false;
        closed.countDown();
    }

    private String sid(String what) {
        return what + "-s" + (++stimuli);
    }

    private void onMessage(Connection c, Message m) {
        switch (m) {
            case WorkerToScheduler.RegisterWorker r -> register(c, r);
            case WorkerToScheduler w -> {
                String worker = workerOf.get(c);
                if (worker != null) {
                    fromWorker(worker, w);
                }
            }
            case ClientToScheduler cm -> {
                String client = clientOf.get(c);
                if (client != null) {
                    fromClient(client, c, cm);
                }
            }
            case io.jdask.distributed.protocol.ClientRequest r when clientOf.containsKey(c) -> {
                c.write(requests.handle(r, clientOf.get(c)));
                dirty.put(c, Boolean.TRUE);
            }
            case CodeMessage cm -> code.received(c, clientOf.containsKey(c), workerOf.containsKey(c), cm);
            default -> {
                LOG.warn("unexpected " + m.getClass().getSimpleName() + " from " + c + "; closing it");
                c.close();
            }
        }
    }

    private void register(Connection c, WorkerToScheduler.RegisterWorker r) {
        Connection old = workers.get(r.address());
        if (old != null && old != c) {
            workerOf.remove(old);
            old.close();
        }
        workers.put(r.address(), c);
        workerOf.put(c, r.address());
        WorkerInfo info = new WorkerInfo(r.address(), r.name(), r.nthreads(), r.memoryLimit(), r.resources(), WorkerStatus.RUNNING, WorkerMetrics.NONE);
        workerInfo.put(r.address(), info);
        plugins.workerAdded(info);
        apply(state.handle(new SchedulerEvent.AddWorker(r.address(), r.name(), r.nthreads(), r.memoryLimit(), r.resources(), r.stimulusId())));
    }

    private void fromWorker(String w, WorkerToScheduler m) {
        if (!plugins.isEmpty()) {
            tellPlugins(w, m);
        }
        SchedulerEvent e = switch (m) {
            case WorkerToScheduler.TaskFinished f -> new SchedulerEvent.TaskFinished(w, f.key(), f.nbytes(), f.typeName(), f.durationNanos(), f.seen(), f.stimulusId());
            case WorkerToScheduler.TaskErred f -> new SchedulerEvent.TaskErred(w, f.key(), f.error(), f.durationNanos(), f.seen(), f.stimulusId());
            case WorkerToScheduler.AddReplicas a -> new SchedulerEvent.AddReplicas(w, a.nbytes(), a.seen(), a.stimulusId());
            case WorkerToScheduler.MissingData md -> new SchedulerEvent.MissingData(w, md.key(), md.holder(), md.stimulusId());
            case WorkerToScheduler.StealResponse r -> new SchedulerEvent.StealResponse(w, r.key(), r.released(), r.stimulusId());
            case WorkerToScheduler.StatusChanged s -> {
                workerInfo.computeIfPresent(w, (k, i) -> new WorkerInfo(i.address(), i.name(), i.nthreads(), i.memoryLimit(), i.resources(), s.status(), i.metrics()));
                yield new SchedulerEvent.WorkerStatusChanged(w, s.status(), s.stimulusId());
            }
            case WorkerToScheduler.Heartbeat h -> {
                workerInfo.computeIfPresent(w, (k, i) -> new WorkerInfo(i.address(), i.name(), i.nthreads(), i.memoryLimit(), i.resources(), i.status(), h.metrics()));
                yield new SchedulerEvent.Heartbeat(w, h.memoryBytes(), h.stimulusId());
            }
            case WorkerToScheduler.RegisterWorker r -> throw new IllegalStateException("registration is handled before");
        };
        apply(state.handle(e));
    }

    private void tellPlugins(String w, WorkerToScheduler m) {
        switch (m) {
            case WorkerToScheduler.TaskFinished f -> plugins.taskFinished(w, f.key(), f.nbytes(), f.durationNanos(), System.nanoTime());
            case WorkerToScheduler.TaskErred f -> plugins.taskErred(w, f.key(), f.error().exceptionType(), f.durationNanos(), System.nanoTime());
            case WorkerToScheduler.AddReplicas a -> plugins.replicasAdded(w, a.nbytes(), System.nanoTime());
            case WorkerToScheduler.StatusChanged s -> plugins.workerStatus(w, s.status());
            case WorkerToScheduler.Heartbeat h -> plugins.heartbeat(w, h.metrics(), System.nanoTime());
            default -> { }
        }
    }

    private void fromClient(String client, Connection c, ClientToScheduler m) {
        switch (m) {
            case ClientToScheduler.UpdateGraph u -> apply(state.handle(new SchedulerEvent.UpdateGraph(client, u.tasks(), u.wanted(), u.stimulusId())));
            case ClientToScheduler.ReleaseKeys r -> apply(state.handle(new SchedulerEvent.ReleaseKeys(client, r.keys(), r.stimulusId())));
            case ClientToScheduler.CancelKeys r -> apply(state.handle(new SchedulerEvent.CancelKeys(client, r.keys(), r.stimulusId())));
            case ClientToScheduler.RetryKeys r -> apply(state.handle(new SchedulerEvent.RetryKeys(client, r.keys(), r.stimulusId())));
            case ClientToScheduler.WhoHas q -> {
                for (Key k : q.keys()) {
                    c.write(new SchedulerToClient.KeyLocation(k, state.whoHas(k), q.stimulusId()));
                }
                dirty.put(c, Boolean.TRUE);
            }
            case ClientToScheduler.CloseClient x -> {
                dropClient(c);
                c.close();
            }
        }
    }

    /** @return a copy of the map's connections */
    private static List<Connection> all(StringMap<Connection> connections) {
        List<Connection> out = new ArrayList<>(connections.size());
        connections.forEach((address, c) -> out.add(c));
        return out;
    }

    private void onClosed(Connection c, Throwable cause) {
        String worker = workerOf.remove(c);
        if (worker != null) {
            workers.remove(worker, c);
            workerInfo.remove(worker);
            String reason = cause == null ? "connection closed" : "connection lost: " + cause;
            plugins.workerRemoved(worker, reason);
            apply(state.handle(new SchedulerEvent.RemoveWorker(worker, reason, sid("closed"))));
            code.closed(c, null);
        } else {
            dropClient(c);
            // the code of a client whose published datasets outlive it stays with the workers until the last is gone
            String publisher = publishersGone.remove(c);
            code.closed(c, publisher != null && requests.hasDatasetsOf(publisher) ? publisher : null);
        }
    }

    /** A dataset went: once a departed client has none left, the workers may let go of its code. */
    private void datasetRemoved(String publisher) {
        if (!clients.containsKey(publisher) && !requests.hasDatasetsOf(publisher)) {
            code.releaseDeparted(publisher);
        }
    }

    private void dropClient(Connection c) {
        String client = clientOf.remove(c);
        if (client != null) {
            if (requests.hasDatasetsOf(client)) {
                publishersGone.put(c, client);
            }
            clients.remove(client);
            apply(state.handle(new SchedulerEvent.RemoveClient(client, sid("client-gone"))));
        }
    }

    private void apply(List<SchedulerInstruction> instructions) {
        for (SchedulerInstruction i : instructions) {
            switch (i) {
                case SchedulerInstruction.ToWorker tw -> {
                    Connection c = workers.get(tw.worker());
                    if (c != null) {
                        c.write(tw.message());
                        dirty.put(c, Boolean.TRUE);
                        if (tw.message() instanceof SchedulerToWorker.CloseWorker cw && workerInfo.remove(tw.worker()) != null) {
                            // the state machine has removed it already
                            plugins.workerRemoved(tw.worker(), cw.reason());
                        }
                    }
                }
                case SchedulerInstruction.ToClient tc -> {
                    Connection c = clients.get(tc.client());
                    if (c != null) {
                        c.write(tc.message());
                        dirty.put(c, Boolean.TRUE);
                    }
                }
            }
        }
    }

    private void flush() {
        for (Connection c : dirty.keySet()) {
            c.flush();
        }
        dirty.clear();
    }
}
