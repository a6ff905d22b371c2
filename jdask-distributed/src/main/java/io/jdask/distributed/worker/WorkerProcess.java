package io.jdask.distributed.worker;

import io.jdask.distributed.comm.Addresses;
import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.comm.Listener;
import io.jdask.distributed.comm.MessageHandler;
import io.jdask.distributed.comm.RefusedException;
import io.jdask.distributed.comm.Transport;
import io.jdask.distributed.protocol.CodeMessage;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.ShmMessage;
import io.jdask.distributed.protocol.WorkerToScheduler;
import io.jdask.distributed.protocol.WorkerToWorker;
import io.jdask.distributed.worker.state.WorkerConfig;
import io.jdask.distributed.worker.store.LocalDirectory;
import io.jdask.distributed.worker.store.MemoryThresholds;
import io.jdask.distributed.worker.state.WorkerEvent;
import io.jdask.distributed.worker.state.WorkerInstruction;
import io.jdask.distributed.worker.state.WorkerState;
import io.jdask.distributed.worker.transfer.SharedMemoryTransfers;
import io.jdask.distributed.worker.transfer.ShmSettings;
import io.jdask.graph.Key;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process. The {@link WorkerState} is fed events and its instructions carried out
 * ({@code Execute} on the task threads ({@link TaskRunner}), {@code Fetch} over peer connections
 * ({@link Peers}), {@code Discard} on the data store, {@code Send} to the scheduler) by whichever
 * thread holds the {@code owner} lock, one at a time, so the state machine stays single-threaded
 * (the lock also orders memory between those threads). Work handed to the {@link Inbox} (scheduler
 * messages from a Netty I/O thread, fetch results, memory readings) runs at once on the thread that
 * hands it over when the lock is free and nothing handed over earlier is still waiting; otherwise
 * it waits in the inbox for the event loop, which also sends heartbeats. A task thread feeds its own
 * task's outcome to the state under the same two conditions (else through the inbox), so that the
 * next ready task comes back to it without a park.
 */
final class WorkerProcess implements Worker, MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final int BATCH = 4096;

    private final Worker.Builder settings;
    private final Transport transport;
    private final MemoryThresholds thresholds;
    private final DataStore store;
    private final Inbox inbox = new Inbox();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread loop;
    private final AtomicInteger executing = new AtomicInteger();
    /** Held by the thread that drives {@link #state} (see the class comment). */
    private final ReentrantLock owner = new ReentrantLock();
    private Listener listener;
    private String address;
    private String name;
    private String schedulerAddress;
    private volatile Connection scheduler;
    private WorkerState state;
    private TaskRunner runner;
    private Peers peers;
    private SharedMemoryTransfers shm;
    private volatile WorkerServices services;
    private TaskCodec codec;
    /** Code shipping, unless a custom codec was given. */
    private volatile ShippedCodeCodec shipped;
    private MemoryWatch memoryWatch;
    private HeartbeatSampler heartbeats;
    private volatile boolean running = true;
    private volatile String closeReason;
    private boolean schedulerDirty;
    private volatile boolean toldToClose;
    private long stimuli;

    private WorkerProcess(Worker.Builder settings) {
        this.settings = settings;
        this.thresholds = MemoryThresholds.fromConfig(settings.memoryLimit);
        this.store = makeStore(settings, thresholds);
        try {
            this.transport = Transport.create("worker", settings.security);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.loop = new Thread(this::run, "jdask-worker-loop");
        loop.setDaemon(true);
    }

    private static DataStore makeStore(Worker.Builder settings, MemoryThresholds thresholds) {
        if (settings.store != null) {
            return settings.store.get();
        }
        if (settings.memoryLimit <= 0) {
            return new MemoryStore();
        }
        return SpillingStore.open(localRoot(settings), thresholds);
    }

    /** The shared local directory: spill files under a worker's own directory, shipped code in {@code code-cache}. */
    private static Path localRoot(Worker.Builder settings) {
        return LocalDirectory.root(settings.localDirectory);
    }

    static WorkerProcess start(Worker.Builder settings) throws IOException {
        WorkerProcess w = new WorkerProcess(settings);
        try {
            w.open();
        } catch (IOException | RuntimeException e) {
            w.transport.close();
            w.store.close();
            throw e;
        }
        return w;
    }

    private void open() throws IOException {
        long deadline = System.nanoTime() + settings.deathTimeout.toNanos();
        listener = transport.listen(settings.host, settings.port, this);
        int port = Addresses.parse(listener.address()).getPort();
        address = Addresses.format(advertisedHost(), port, transport.tls());
        name = settings.name != null ? settings.name : address;
        schedulerAddress = settings.scheduler != null ? settings.scheduler : readSchedulerFile(settings.schedulerFile, deadline);
        scheduler = connectWithRetries(deadline);
        WorkerConfig config = WorkerConfig.of(address, settings.nthreads).withMemoryLimit(settings.memoryLimit)
                .withResources(settings.resources);
        // the pause fraction of distributed.worker.memory.pause, as the spilling store's thresholds use; with a
        // memory limit, a fetch batch of at most 5% of it (values in flight count in the process's memory)
        long batch = settings.memoryLimit > 0 ? Math.min(config.fetchBatchBytes(), Math.max(1L << 20, settings.memoryLimit / 20))
                : config.fetchBatchBytes();
        config = new WorkerConfig(config.address(), config.nthreads(), config.memoryLimit(), thresholds.pause(), config.resources(),
                config.maxFetchesPerPeer(), config.maxFetchesTotal(), batch, config.validate(), config.storyLimit());
        state = new WorkerState(config, System::nanoTime);
        codec = settings.codec;
        if (codec == TaskCodec.standard()) {
            shipped = new ShippedCodeCodec(localRoot(settings).resolve("code-cache"),
                    new CodeFetcher(scheduler, settings.codeFetchTimeout, name), OwnClassPath.ofApplication(), name);
            codec = shipped;
        }
        runner = new TaskRunner(settings.nthreads, store, codec, this::finished, executing, name);
        ShmSettings shmSettings = ShmSettings.fromSystemProperties();
        // TLS: the operator asked for the bytes on the wire to be encrypted, so they stay on it
        shm = new SharedMemoryTransfers(transport.tls() ? shmSettings.disabled() : shmSettings, name, (c, r) -> peers.reply(c, r));
        peers = new Peers(transport, this, store, codec, inbox, this::handle, address, shm);
        heartbeats = new HeartbeatSampler(store, executing, peers.bytesSent, peers.bytesReceived);
        services = new WorkerServices(codec, name);
        if (settings.memoryMonitor && thresholds.limited()) {
            memoryWatch = new MemoryWatch(name, thresholds, store,
                    bytes -> inbox.add(() -> handle(new WorkerEvent.MemoryUsage(bytes, sid("memory")))),
                    settings.onMemoryTerminate != null ? settings.onMemoryTerminate : () -> { }, settings.log);
        }
        scheduler.send(new WorkerToScheduler.RegisterWorker(address, name, settings.nthreads, settings.memoryLimit, settings.resources, "register-" + name));
        loop.start();
        if (memoryWatch != null) {
            memoryWatch.start();
        }
    }

    private String advertisedHost() {
        if (settings.advertisedHost != null) {
            return settings.advertisedHost;
        }
        if (settings.host.equals("0.0.0.0") || settings.host.equals("::")) {
            try {
                return InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                return "127.0.0.1";
            }
        }
        return settings.host;
    }

    private String readSchedulerFile(Path file, long deadline) throws IOException {
        long backoff = 100;
        while (true) {
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    String first = text.lines().findFirst().orElse("").strip();
                    Addresses.parse(first);
                    return first;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("worker " + nameOr() + ": the scheduler file " + file + " did not appear within the death timeout of "
                        + describe(settings.deathTimeout) + "; giving up");
            }
            sleep(backoff);
            backoff = Math.min(2000, backoff * 2);
        }
    }

    private Connection connectWithRetries(long deadline) throws IOException {
        long backoff = 100;
        int attempt = 0;
        while (true) {
            attempt++;
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                return transport.connect(schedulerAddress, Duration.ofMillis(Math.min(10_000, left)), this);
            } catch (RefusedException e) {
                throw new RefusedException("worker " + nameOr() + " was refused by the scheduler at " + schedulerAddress + ": " + e.getMessage());
            } catch (IOException e) {
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    throw new IOException("worker " + nameOr() + " could not reach the scheduler at " + schedulerAddress + " within the death timeout of "
                            + describe(settings.deathTimeout) + " (" + attempt + " attempts; last: " + e.getMessage() + "); giving up", e);
                }
                long wait = Math.min(backoff, TimeUnit.NANOSECONDS.toMillis(deadline - now) + 1);
                settings.log.accept("worker " + nameOr() + " cannot reach the scheduler at " + schedulerAddress + " (" + e.getMessage()
                        + "); retrying in " + describe(Duration.ofMillis(wait)));
                sleep(wait);
                backoff = Math.min(5000, backoff * 2);
            }
        }
    }

    private String nameOr() {
        return name != null ? name : settings.name != null ? settings.name : address;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the scheduler", e);
        }
    }

    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    // ---- Worker

    @Override
    public String address() {
        return address;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String schedulerAddress() {
        return schedulerAddress;
    }

    @Override
    public String summary() {
        return "worker " + name + " " + address + " -> " + schedulerAddress + ", " + settings.nthreads
                + (settings.nthreads == 1 ? " thread, " : " threads, ") + formatBytes(settings.memoryLimit)
                + (settings.resources.isEmpty() ? "" : ", resources " + new java.util.TreeMap<>(settings.resources));
    }

    static String formatBytes(long bytes) {
        return bytes <= 0 ? "no memory limit" : io.jdask.config.Units.formatBytes(bytes);
    }

    @Override
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        shutdown("closed");
        try {
            closed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdown(String reason) {
        if (!running) {
            return;
        }
        closeReason = reason;
        running = false;
        inbox.queue(() -> { });
    }

    // ---- I/O threads

    @Override
    public void received(Connection c, Message m) {
        switch (m) {
            case SchedulerToWorker s -> {
                if (s instanceof SchedulerToWorker.CloseWorker cw && running) {
                    toldToClose = true;
                    settings.log.accept("worker " + name + ": the scheduler asked it to close (" + cw.reason() + ")");
                }
                Runnable event = () -> handle(new WorkerEvent.FromScheduler(s));
                // closing and restarting run on the loop, never on an I/O thread
                Runnable deliver = s instanceof SchedulerToWorker.CloseWorker || s instanceof SchedulerToWorker.RestartWorker
                        ? () -> inbox.queue(event) : () -> inbox.add(event);
                ShippedCodeCodec code = shipped;
                if (code != null) {
                    code.deliver(s, deliver);
                } else {
                    deliver.run();
                }
            }
            case CodeMessage.ReleaseCode rc when shipped != null ->
                    shipped.deliver(rc, () -> inbox.add(() -> shipped.release(rc.clientId())));
            case CodeMessage cm when shipped != null -> shipped.received(cm);
            case WorkerToWorker.GetData g -> peers.serve(c, g);
            case WorkerToWorker.DataReply r -> peers.reply(c, r);
            case ShmMessage s -> shm.received(c, s);
            case io.jdask.distributed.protocol.ClientRequest r when services != null -> services.serve(c, r);
            default -> {
                LOG.warn("worker {}: unexpected {} from {}; closing the connection", name, m.getClass().getSimpleName(), c);
                c.close();
            }
        }
    }

    /**
     * Scheduler messages that arrived together go to the loop as one piece of work when none has
     * to wait for code; anything else is handed on one by one.
     */
    @Override
    public void receivedAll(Connection c, List<Message> ms) {
        List<SchedulerToWorker> fromScheduler = new ArrayList<>(ms.size());
        for (Message m : ms) {
            if (!(m instanceof SchedulerToWorker s) || s instanceof SchedulerToWorker.CloseWorker || s instanceof SchedulerToWorker.RestartWorker) {
                MessageHandler.super.receivedAll(c, ms);
                return;
            }
            fromScheduler.add(s);
        }
        Runnable deliver = () -> inbox.add(() -> {
            for (SchedulerToWorker s : fromScheduler) {
                try {
                    handle(new WorkerEvent.FromScheduler(s));
                } catch (RuntimeException e) {
                    LOG.error("worker {}: event failed", name, e);
                }
            }
        });
        ShippedCodeCodec code = shipped;
        if (code == null) {
            deliver.run();
        } else if (!code.deliverAllNow(fromScheduler, deliver)) {
            MessageHandler.super.receivedAll(c, ms);
        }
    }

    @Override
    public void closed(Connection c, Throwable cause) {
        if (c == scheduler) {
            if (shipped != null) {
                shipped.schedulerLost("lost the connection to the scheduler at " + schedulerAddress);
            }
            if (running && !toldToClose) {
                String why = "lost the connection to the scheduler at " + schedulerAddress + (cause == null ? "" : " (" + cause.getMessage() + ")");
                settings.log.accept("worker " + name + ": " + why + "; closing");
                shutdown(why);
            }
            if (toldToClose) {
                shutdown("closed by the scheduler");
            }
            return;
        }
        if (peers != null) {
            peers.closed(c, cause);
            shm.closed(c);
        }
    }

    // ---- the loop thread

    private void run() {
        long hbNanos = settings.heartbeatInterval.toNanos();
        long nextHeartbeat = System.nanoTime() + hbNanos;
        long end = settings.lifetime.isZero() ? Long.MAX_VALUE : System.nanoTime() + settings.lifetime.toNanos();
        try {
            while (running) {
                long wait = nextHeartbeat - System.nanoTime();
                Runnable r = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
                long now;
                owner.lock();
                try {
                    int n = 0;
                    while (r != null && running) {
                        try {
                            r.run();
                        } catch (RuntimeException e) {
                            LOG.error("worker {}: event failed", name, e);
                        } finally {
                            inbox.ran();
                        }
                        if (++n == BATCH) {
                            break;
                        }
                        r = inbox.poll();
                    }
                    flushScheduler();
                    now = System.nanoTime();
                    if (now - nextHeartbeat >= 0) {
                        nextHeartbeat = now + hbNanos;
                        handle(new WorkerEvent.MemoryUsage(memoryWatch != null ? memoryWatch.processBytes() : store.memoryBytes(), sid("memory")));
                        scheduler.write(new WorkerToScheduler.Heartbeat(heartbeats.sample(), sid("heartbeat")));
                        schedulerDirty = true;
                        flushScheduler();
                    }
                } finally {
                    owner.unlock();
                }
                if (now - end >= 0 && running) {
                    settings.log.accept("worker " + name + ": lifetime of " + describe(settings.lifetime) + " reached; closing");
                    shutdown("lifetime reached");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            owner.lock(); // wait for a task thread that is handling its outcome; later ones go to the inbox, unread
            if (closeReason == null) {
                closeReason = "closed";
            }
            if (state != null && state.fetchRequests() > 0) {
                LOG.info("worker {}: fetched {} keys from peers in {} requests", name, state.keysFetched(), state.fetchRequests());
            }
            if (memoryWatch != null) {
                memoryWatch.close();
            }
            if (runner != null) {
                runner.close();
            }
            if (peers != null) {
                peers.close();
                shm.close();
            }
            if (shipped != null) {
                shipped.close();
            }
            if (scheduler != null) {
                scheduler.close();
            }
            listener.close();
            transport.close();
            store.close();
            closed.countDown();
        }
    }

    private String sid(String what) {
        return what + "-w" + (++stimuli);
    }

    private void flushScheduler() {
        if (schedulerDirty) {
            scheduler.flush();
            schedulerDirty = false;
        }
    }

    /**
     * A task's outcome, on its task thread: fed to the state machine right here when no other thread
     * owns it and nothing waits in the inbox (the next ready task then goes back to this thread's
     * queue, and the thread takes it without parking), else queued behind what waits, in order:
     * the inbox's hand-over, as for any other event.
     */
    private void finished(WorkerEvent outcome) {
        inbox.add(() -> handle(outcome));
    }

    /**
     * The loop's queue. {@link #add} (what {@link Peers}, the memory monitor and the scheduler's
     * messages use) runs the work at once on the calling thread when no thread owns the state, the
     * caller is not already inside it, and nothing handed over earlier waits here still (counted
     * from hand-over until run, so work never overtakes earlier work); otherwise it queues it.
     * {@link #queue} always queues.
     */
    final class Inbox extends LinkedBlockingQueue<Runnable> {
        private final AtomicInteger waiting = new AtomicInteger();

        @Override
        public boolean offer(Runnable work) {
            if (waiting.get() == 0 && running && !owner.isHeldByCurrentThread() && owner.tryLock()) {
                try {
                    if (waiting.get() == 0 && running) {
                        try {
                            work.run();
                        } catch (RuntimeException e) {
                            LOG.error("worker {}: event failed", name, e);
                        }
                        flushScheduler();
                        return true;
                    }
                } finally {
                    owner.unlock();
                }
            }
            return queue(work);
        }

        /** Queues the work for the loop thread. */
        boolean queue(Runnable work) {
            waiting.incrementAndGet();
            return super.offer(work);
        }

        /** @return whether no queued work waits to run */
        boolean idle() {
            return waiting.get() == 0;
        }

        /** The loop ran one queued piece of work. */
        void ran() {
            waiting.decrementAndGet();
        }
    }

    /** Feeds one event to the state machine and carries out its instructions (by the thread holding {@code owner}). */
    void handle(WorkerEvent event) {
        List<WorkerInstruction> out = state.handle(event);
        for (WorkerInstruction i : out) {
            switch (i) {
                case WorkerInstruction.Execute e -> runner.execute(e);
                case WorkerInstruction.Fetch f -> peers.fetch(f);
                case WorkerInstruction.Interrupt in -> runner.interrupt(in.key());
                case WorkerInstruction.Discard d -> {
                    for (Key k : d.keys()) {
                        store.remove(k);
                        codec.forget(k);
                    }
                }
                case WorkerInstruction.Send s -> {
                    scheduler.write(s.message());
                    schedulerDirty = true;
                }
                case WorkerInstruction.Close c -> shutdown("closed by the scheduler: " + c.reason());
                case WorkerInstruction.Restart r -> restart(r);
            }
        }
    }

    /** A client's restart: close so that the nanny starts a fresh process, or report the status and stay. */
    private void restart(WorkerInstruction.Restart r) {
        if (settings.onRestart == null) {
            settings.log.accept("worker " + name + ": the client asked for a restart; it has no nanny to restart its process,"
                    + " so it keeps running with its store emptied");
            scheduler.write(r.reply());
            schedulerDirty = true;
            return;
        }
        settings.log.accept("worker " + name + ": the client asked for a restart; closing so that its nanny starts it again");
        toldToClose = true;
        settings.onRestart.run();
        shutdown("restarted by a client");
    }
}
