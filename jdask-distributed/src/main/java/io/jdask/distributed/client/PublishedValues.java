package io.jdask.distributed.client;

import io.jdask.graph.Key;
import java.io.Serializable;
import java.util.List;

/** What a published dataset's payload holds in place of futures, which do not travel. */
final class PublishedValues {
    private PublishedValues() {}

    /**
     * A dataset of futures: their keys, in order.
     *
     * @param keys the keys
     */
    record Futures(List<Key> keys) implements Serializable {}

    /**
     * Stands in a published collection's literal for the future of {@code key}.
     *
     * @param key the key held on the cluster
     */
    record Ref(Key key) implements Serializable {}
}
