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

    /** Releases every future and disconnects; no longer the default scheduler. */
    @Override
    void close();

    /** Settings of a client. */
    final class Builder {
        String address;
        Security security;
        Duration timeout = Duration.ofSeconds(30);
        boolean asDefault = true;

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
            return ClientImpl.connect(address, s, timeout, asDefault);
        }
    }
}
