package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.List;
import java.util.Map;

/** Messages between workers: fetching dependencies. */
public sealed interface WorkerToWorker extends Message {
    /**
     * Ask a peer for values.
     *
     * @param keys the keys
     * @param requester the asking worker's address
     * @param stimulusId the stimulus
     */
    record GetData(List<Key> keys, String requester, String stimulusId) implements WorkerToWorker {
        /** Copies the list. */
        public GetData {
            keys = List.copyOf(keys);
        }
    }

    /**
     * A peer's answer: the values it has, and the keys it does not hold.
     *
     * @param data the serialized values
     * @param missing the keys it does not hold
     * @param stimulusId the stimulus
     */
    record DataReply(Map<Key, Payload> data, List<Key> missing, String stimulusId) implements WorkerToWorker {
        /** Copies the collections. */
        public DataReply {
            data = Map.copyOf(data);
            missing = List.copyOf(missing);
        }
    }
}
