package io.jdask.distributed.client;

import io.jdask.distributed.comm.Security;
import io.jdask.function.Fn1;
import io.jdask.function.Fn2;
import io.jdask.scheduler.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;

/**
 * A connection to a cluster's scheduler. While it is open (and unless built with {@code
 * asDefault(false)}) it is the default scheduler: {@code compute()} of any Delayed, Array,
 * DataFrame or Bag runs on the cluster, the whole graph sent in one message and the results
 * gathered straight from the workers.
 *
 * <pre>{@code
 * try (Client client = Client.connect("tcp://10.0.0.1:8786")) {
 *     int r = Delayed.call(x -> x + 1, Delayed.value(1)).compute();     // on the cluster
 *     ClusterFuture<Integer> f = client.submit(() -> 1 + 1);
 *     List<Integer> ys = client.gather(client.map(i -> i + 1, List.of(1, 2, 3)));
 * }
 * }</pre>
 *
 * <p>Functions travel to the workers serialized: use serializable lambdas ({@link Fn0}, {@link
 * Fn1}, ...) whose classes the workers can load and the serialization allow-list accepts. Arguments
 * may be {@link ClusterFuture}s: the task then receives their values, moved between workers
 * without passing through the client. Thread-safe.
 */
public interface Client extends AutoCloseable {
    /**
     * Connects to a scheduler without a token (or with the token of {@value Security#TOKEN_ENV})
     * and becomes the default scheduler.
     *
     * @param address {@code tcp://host:port}
     * @return the client
     * @throws IOException when the scheduler cannot be reached or refuses (the message says why)
     */
    static Client connect(String address) throws IOException {
        return builder().address(address).connect();
    }

    /** @return a builder for a client with a token, TLS or other options */
    static Builder builder() {
        return new Builder();
    }

    /** @return the scheduler's address */
    String schedulerAddress();

    /**
     * @return the link to the scheduler's dashboard, when it serves one (the client also logs it
     *     when it connects)
     */
    java.util.Optional<String> dashboardLink();

    /** @return this client as a scheduler for {@code Jdask.with(...)} and {@code Schedulers.use(...)} */
    Scheduler scheduler();

    /**
     * Runs a function on the cluster.
     *
     * @param fn the function
     * @param <R> its result
     * @return the future of its result
     */
    <R> ClusterFuture<R> submit(Fn0<R> fn);

    /**
     * Runs a function of one argument on the cluster.
     *
     * @param fn the function
     * @param a the argument: a value, or a {@link ClusterFuture} whose value is passed
     * @param <A> the argument's type
     * @param <R> the result's type
     * @return the future of its result
     */
    <A, R> ClusterFuture<R> submit(Fn1<A, R> fn, Object a);

    /**
     * Runs a function of two arguments on the cluster.
     *
     * @param fn the function
     * @param a the first argument (value or future)
     * @param b the second argument (value or future)
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result's type
     * @return the future of its result
     */
    <A, B, R> ClusterFuture<R> submit(Fn2<A, B, R> fn, Object a, Object b);

    /**
     * Runs a function on each item, all tasks sent in one message.
     *
     * @param fn the function
     * @param items the items: values or futures
     * @param <A> the items' type
     * @param <R> the results' type
     * @return a future per item, in order
     */
    <A, R> List<ClusterFuture<R>> map(Fn1<A, R> fn, List<?> items);

    /**
     * {@link #submit(Fn0)} with restrictions (workers, resources) and retries.
     *
     * @param options where and how the task runs
     * @param fn the function
     * @param <R> its result
     * @return the future of its result
     */
    <R> ClusterFuture<R> submit(TaskOptions options, Fn0<R> fn);

    /**
     * {@link #submit(Fn1, Object)} with restrictions (workers, resources) and retries.
     *
     * @param options where and how the task runs
     * @param fn the function
     * @param a the argument (value or future)
     * @param <A> the argument's type
     * @param <R> the result's type
     * @return the future of its result
     */
    <A, R> ClusterFuture<R> submit(TaskOptions options, Fn1<A, R> fn, Object a);

    /**
     * {@link #submit(Fn2, Object, Object)} with restrictions (workers, resources) and retries.
     *
     * @param options where and how the task runs
     * @param fn the function
     * @param a the first argument (value or future)
     * @param b the second argument (value or future)
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result's type
     * @return the future of its result
     */
    <A, B, R> ClusterFuture<R> submit(TaskOptions options, Fn2<A, B, R> fn, Object a, Object b);

    /**
     * {@link #map(Fn1, List)} with restrictions (workers, resources) and retries for every task.
     *
     * @param options where and how the tasks run
     * @param fn the function
     * @param items the items: values or futures
     * @param <A> the items' type
     * @param <R> the results' type
     * @return a future per item, in order
     */
    <A, R> List<ClusterFuture<R>> map(TaskOptions options, Fn1<A, R> fn, List<?> items);

    /**
     * Waits for a future and returns its value, fetched from a worker.
     *
     * @param future the future
     * @param <T> the value's type
     * @return the value
     * @throws io.jdask.scheduler.TaskFailedException when the task failed, naming the task to blame
     * @throws java.util.concurrent.CancellationException when it was cancelled
     */
    <T> T gather(Future<T> future);

    /**
     * Waits for futures and returns their values, fetched from the workers (one request per
     * worker).
     *
     * @param futures the futures
     * @param <T> the values' type
     * @return the values, in order
     * @throws io.jdask.scheduler.TaskFailedException when a task failed
     * @throws java.util.concurrent.CancellationException when one was cancelled
     */
    <T> List<T> gather(List<? extends Future<T>> futures);

    /**
     * Puts a value on the cluster (it travels through the scheduler, as an opaque payload).
     *
     * @param value the value
     * @param <T> its type
     * @return its future
     */
    <T> ClusterFuture<T> scatter(T value);

    /**
     * Puts values on the cluster, in one message.
     *
     * @param values the values
     * @param <T> their type
     * @return their futures, in order
     */
    <T> List<ClusterFuture<T>> scatter(List<T> values);

    /**
     * Puts values on the cluster and, with {@code broadcast}, copies each to every worker (for a
     * value that many tasks on every worker read, such as a lookup table or model). Returns once
     * the values are held and the copies are asked for; the workers fetch them from the first
     * holder and from one another in the background (see {@link #replicate}).
     *
     * @param values the values
     * @param broadcast whether every worker gets a copy
     * @param <T> their type
     * @return their futures, in order
     */
    <T> List<ClusterFuture<T>> scatter(List<T> values, boolean broadcast);

    /**
     * Copies the futures' values to every running worker that lacks them; each worker fetches its
     * copies from a holder in the background, and the scheduler counts it as a holder once they
     * arrive ({@link #hasWhat()}).
     *
     * @param futures futures of this client whose values are (or will be) on the cluster; waited for first
     * @throws io.jdask.scheduler.TaskFailedException when one of them failed
     */
    void replicate(List<? extends ClusterFuture<?>> futures);

    /**
     * Waits until every future is done (finished, failed or cancelled), without fetching values.
     *
     * @param futures the futures
     * @param timeout the longest wait
     * @throws java.util.concurrent.TimeoutException when some are still pending after {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    void wait(List<? extends ClusterFuture<?>> futures, Duration timeout) throws java.util.concurrent.TimeoutException, InterruptedException;

    /**
     * The futures in the order they complete: iterating blocks until the next one is done.
     *
     * @param futures the futures
     * @param <T> their values' type
     * @return an iterator over the same futures, each returned once it is done
     */
    <T> java.util.Iterator<ClusterFuture<T>> asCompleted(List<ClusterFuture<T>> futures);

    /**
     * Which workers hold the futures' values, as the scheduler last reported to this client.
     *
     * @param futures the futures
     * @return for each key, the addresses of its holders (empty while it is not in memory)
     */
    java.util.Map<io.jdask.graph.Key, List<String>> whoHas(List<? extends ClusterFuture<?>> futures);

    /**
     * Cancels futures: their tasks stop unless something else needs them.
     *
     * @param futures the futures
     */
    void cancel(List<? extends ClusterFuture<?>> futures);

    /**
     * Computes a collection on the cluster and keeps the results there: the returned collection
     * (same keys, same kind) is backed by futures of those results instead of its graph, so later
     * computes through this client reuse them without recomputing or moving them. Works for any
     * {@link io.jdask.Lazy} (Delayed, Array, DataFrame, Series, Bag, ...); the graph is optimised as
     * for {@code compute} and sent in one message. The values stay on the workers until the
     * returned collection's futures are released (or this client closes).
     *
     * <p>The returned collection computes only through this client (its literals hold this
     * client's futures); to share it, {@linkplain #publishDataset(String, io.jdask.Lazy, boolean)
     * publish} it.
     *
     * @param collection the collection
     * @param <C> its type
     * @return the collection backed by its results on the cluster
     * @throws io.jdask.scheduler.TaskFailedException when a task failed
     */
    <C extends io.jdask.Lazy<?>> C persist(C collection);

    /**
     * Releases the futures a {@linkplain #persist persisted} collection holds, so the cluster may
     * drop its values (unless something else wants them); the collection no longer computes.
     *
     * @param persisted a collection returned by {@link #persist} (anything else holds no futures and is left alone)
     */
    void unpersist(io.jdask.Lazy<?> persisted);

    /**
     * Publishes futures under a name: the scheduler keeps their values until {@link
     * #unpublishDataset} is called, even after this client closes; any client gets them with
     * {@link #getDataset}.
     *
     * @param name the name
     * @param futures futures of this client
     * @param overwrite whether to replace a dataset published under that name
     * @throws IllegalArgumentException when the name is taken (and {@code overwrite} is false), or
     *     a future is unknown to the scheduler
     */
    void publishDataset(String name, List<? extends ClusterFuture<?>> futures, boolean overwrite);

    /**
     * Publishes a collection under a name, persisting it first unless it was {@linkplain
     * #persist persisted} by this client: its results stay on the workers until {@link
     * #unpublishDataset}; {@link #getDataset} gives any client the same collection backed by them.
     * The collection itself travels serialized (through the scheduler, opaque to it).
     *
     * @param name the name
     * @param collection the collection
     * @param overwrite whether to replace a dataset published under that name
     * @throws IllegalArgumentException when the name is taken and {@code overwrite} is false
     */
    void publishDataset(String name, io.jdask.Lazy<?> collection, boolean overwrite);

    /**
     * A published dataset: the list of {@link ClusterFuture}s for futures, or the collection
     * (backed by futures of this client) for a collection.
     *
     * @param name the name
     * @param <T> what was published ({@code List<ClusterFuture<X>>} or the collection's type)
     * @return the dataset
     * @throws IllegalArgumentException when no dataset has that name
     */
    <T> T getDataset(String name);

    /**
     * Forgets a published dataset; its values are released unless a client holds them.
     *
     * @param name the name
     * @throws IllegalArgumentException when no dataset has that name
     */
    void unpublishDataset(String name);

    /** @return the names of the published datasets, sorted */
    List<String> listDatasets();

    /**
     * Runs a function once on every worker (on a thread of its own, not a task thread) and
     * returns what each returned.
     *
     * @param fn the function (a serializable lambda)
     * @param <R> its result
     * @return each worker's address with its result, sorted by address
     * @throws IllegalStateException naming the worker, with the function's exception as cause,
     *     when it failed on a worker
     */
    <R> java.util.Map<String, R> run(Fn0<R> fn);

    /** The time {@link #restart()} waits for the workers to come back. */
    Duration RESTART_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Restarts the cluster and waits up to {@link #RESTART_TIMEOUT} (60 s) until as many workers
     * as before run again; see {@link #restart(Duration)}.
     *
     * @throws IllegalStateException when fewer workers came back in time (it says how many of how many)
     */
    default void restart() {
        restart(RESTART_TIMEOUT);
    }

    /**
     * Empties the cluster and restarts its worker processes: every task is released, every value
     * dropped from the workers (running tasks are interrupted), every client's futures become
     * cancelled and the published datasets are forgotten; then every worker run under a {@link
     * io.jdask.distributed.nanny.Nanny} that restarts workers (a {@code LocalCluster} of processes,
     * {@code jdask worker}) closes and its nanny starts a fresh process, which registers with a new
     * address. A worker without such a nanny (a threads {@code LocalCluster}, {@code jdask worker
     * --no-nanny}, nannies with restarts off) cannot restart its process: it keeps running with its
     * store emptied. Returns once as many workers as were running (or paused) before run again.
     *
     * @param timeout how long to wait for the workers to come back
     * @throws IllegalStateException when fewer workers came back in time (it says how many of how
     *     many, with the workers' states)
     */
    void restart(Duration timeout);

    /**
     * Retires workers gracefully: they take no new tasks, the values only they hold are copied to
     * other workers first, then they close. Returns once the scheduler has removed them.
     *
     * @param workers their addresses
     * @param timeout the longest wait for them to leave
     * @throws IllegalArgumentException naming addresses the scheduler does not know
     * @throws java.util.concurrent.TimeoutException when some are still there after {@code timeout}
     */
    void retireWorkers(List<String> workers, Duration timeout) throws java.util.concurrent.TimeoutException;

    /** @return each worker's address with the keys whose values it holds, as the scheduler knows now */
    java.util.Map<String, List<io.jdask.graph.Key>> hasWhat();

    /** @return the scheduler's view of the cluster: workers with threads, memory limit and use, tasks */
    SchedulerInfo schedulerInfo();

    /** @return the scheduler process's recent log lines, oldest first (see {@link io.jdask.distributed.logs.LogBuffer}) */
    List<String> getSchedulerLogs();

    /** @return each worker's address with its process's recent log lines, oldest first */
    java.util.Map<String, List<String>> getWorkerLogs();

    /**
     * Waits for futures while reporting to core callbacks: one run whose tasks are the futures.
     *
     * @param futures the futures
     * @param callback e.g. a {@link io.jdask.diagnostics.ProgressBar}
     * @throws InterruptedException if interrupted while waiting
     */
    void progress(List<? extends ClusterFuture<?>> futures, io.jdask.diagnostics.Callback callback) throws InterruptedException;

    /**
     * Waits for futures, showing a progress bar on standard error when a terminal is attached
     * (and {@code progress.enabled} is true); elsewhere it only waits.
     *
     * @param futures the futures
     * @throws InterruptedException if interrupted while waiting
     */
    default void progress(List<? extends ClusterFuture<?>> futures) throws InterruptedException {
        progress(futures, io.jdask.diagnostics.ProgressBar.automatic());
    }

    /** Releases every future and disconnects; no longer the default scheduler. */
    @Override
    void close();

    /** Settings of a client. */
    final class Builder {
        String address;
        Security security;
        Duration timeout = Duration.ofSeconds(30);
        boolean asDefault = true;
        ClassLoader classLoader;
        List<String> allowPackages = List.of();
        boolean shipCode = true;

        Builder() {}

        /** @param address the scheduler's address @return this builder */
        public Builder address(String address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** @param security token and TLS (default: the token of {@value Security#TOKEN_ENV}, if set) @return this builder */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** @param timeout how long to wait for the scheduler when connecting (default 30 s) @return this builder */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param loader the application's class loader: tasks are serialized and results read with
         *     it, and the jars and class directories of the {@link java.net.URLClassLoader}s from it
         *     up are shipped to workers besides {@code java.class.path} (default: the thread's
         *     context class loader when connecting)
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * @param prefixes class-name prefixes of the application (e.g. {@code "com.acme."}) that
         *     this client's serialization allows besides {@code serialization.allowed-packages};
         *     workers allow them for this client's tasks and values only
         * @return this builder
         */
        public Builder allowPackages(String... prefixes) {
            this.allowPackages = List.of(prefixes);
            return this;
        }

        /**
         * @param ship whether workers get this application's classes from the client (default
         *     true): the client announces its class path's jars and class directories by content
         *     hash, and a worker that lacks one fetches it through the scheduler, caches it and
         *     loads it in a class loader of this client's own. Off, workers use their own class
         *     path and configured allow-list only.
         * @return this builder
         */
        public Builder shipCode(boolean ship) {
            this.shipCode = ship;
            return this;
        }

        /** @param asDefault whether the client becomes the default scheduler while open (default true) @return this builder */
        public Builder asDefault(boolean asDefault) {
            this.asDefault = asDefault;
            return this;
        }

        /**
         * Connects.
         *
         * @return the client
         * @throws IOException when the scheduler cannot be reached or refuses (the message says why)
         */
        public Client connect() throws IOException {
            if (address == null) {
                throw new IllegalArgumentException("a client needs the scheduler's address");
            }
            Security s = security != null ? security
                    : new Security(Security.resolveToken(null, null, System.getenv()).orElse(null), null);
            return ClientImpl.connect(address, s, timeout, asDefault, this);
        }
    }
}
