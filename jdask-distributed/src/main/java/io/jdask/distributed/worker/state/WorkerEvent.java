package io.jdask.distributed.worker.state;

import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.graph.Key;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What happens to a worker. */
public sealed interface WorkerEvent {
    /** @return the id of the stimulus */
    String stimulusId();

    /**
     * A message from the scheduler.
     *
     * @param message the message
     */
    record FromScheduler(SchedulerToWorker message) implements WorkerEvent {
        @Override
        public String stimulusId() {
            return message.stimulusId();
        }
    }

    /** A task ran; its value is in the data store. @param key the task @param nbytes the value's size @param typeName its class @param durationNanos how long it ran @param stimulusId the stimulus */
    record ExecuteSuccess(Key key, long nbytes, String typeName, long durationNanos, String stimulusId) implements WorkerEvent {}

    /** A task threw (or was interrupted). @param key the task @param error the failure @param durationNanos how long it ran @param stimulusId the stimulus */
    record ExecuteFailure(Key key, ErrorInfo error, long durationNanos, String stimulusId) implements WorkerEvent {}

    /** A fetch from a peer ended; the received values are in the data store. @param peer the peer @param received keys with their sizes @param missing keys the peer did not hold @param stimulusId the stimulus */
    record FetchDone(String peer, Map<Key, Long> received, List<Key> missing, String stimulusId) implements WorkerEvent {
        /** Copies the collections; {@code received} into one read-only map in key order (the order the state handles them in). */
        public FetchDone {
            received = Collections.unmodifiableSortedMap(new TreeMap<>(received));
            missing = List.copyOf(missing);
        }
    }

    /** A fetch from a peer failed (the peer is unreachable). @param peer the peer @param keys the keys asked for @param reason why @param stimulusId the stimulus */
    record FetchFailed(String peer, List<Key> keys, String reason, String stimulusId) implements WorkerEvent {
        /** Copies the list. */
        public FetchFailed {
            keys = List.copyOf(keys);
        }
    }

    /** The data store's current size. @param bytes bytes held in memory @param stimulusId the stimulus */
    record MemoryUsage(long bytes, String stimulusId) implements WorkerEvent {}
}
