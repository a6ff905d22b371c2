package io.jdask.distributed.client;

import io.jdask.graph.Key;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A {@link ClusterFuture} of a {@link ClientImpl}. */
final class FutureImpl<T> implements ClusterFuture<T> {
    private final ClientImpl client;
    private final KeyTable.Entry entry;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean hasValue;
    private volatile T value;

    FutureImpl(ClientImpl client, KeyTable.Entry entry) {
        this.client = client;
        this.entry = entry;
    }

    ClientImpl client() {
        return client;
    }

    KeyTable.Entry entry() {
        return entry;
    }

    void value(T v) {
        value = v;
        hasValue = true;
    }

    boolean hasValue() {
        return hasValue;
    }

    T cachedValue() {
        return value;
    }

    @Override
    public Key key() {
        return entry.key;
    }

    @Override
    public Status status() {
        return entry.status;
    }

    @Override
    public ClusterFuture<T> onDone(Consumer<ClusterFuture<T>> callback) {
        if (entry.done.isDone()) {
            callback.accept(this);
        } else {
            entry.done.whenCompleteAsync((e, t) -> callback.accept(this), client.callbacks());
        }
        return this;
    }

    @Override
    public ClusterFuture<T> retry() {
        client.retry(List.of(this));
        return this;
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            client.release(List.of(entry.key));
        }
    }

    boolean released() {
        return released.get();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (entry.done.isDone()) {
            return false;
        }
        client.cancel(List.of(this));
        return true;
    }

    @Override
    public boolean isCancelled() {
        return entry.status == Status.CANCELLED;
    }

    @Override
    public boolean isDone() {
        return entry.done.isDone();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        try {
            return get(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        client.await(entry, timeout, unit);
        if (entry.status == Status.CANCELLED) {
            throw new CancellationException("task " + entry.key + " was cancelled");
        }
        try {
            return client.gather(this);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExecutionException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ClusterFuture[" + entry.key + ", " + entry.status + "]";
    }
}
