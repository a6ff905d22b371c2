package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.List;

/** Messages the scheduler sends to a client about the keys it wants. */
public sealed interface SchedulerToClient extends Message {
    /** @return the key this message is about */
    Key key();

    /**
     * The key's value is held by at least one worker; it names them, so the client fetches the
     * value from them directly without asking.
     *
     * @param key the key
     * @param nbytes the value's size
     * @param typeName the value's class name
     * @param workers the holders' addresses when it was sent
     * @param stimulusId the stimulus
     */
    record KeyInMemory(Key key, long nbytes, String typeName, List<String> workers, String stimulusId) implements SchedulerToClient {
        /** Copies the list. */
        public KeyInMemory {
            workers = List.copyOf(workers);
        }
    }

    /**
     * The key failed, by itself or because a task it depends on failed.
     *
     * @param key the key
     * @param blamed the task that failed (the key itself or one of its dependencies)
     * @param error the failure
     * @param stimulusId the stimulus
     */
    record KeyErred(Key key, Key blamed, ErrorInfo error, String stimulusId) implements SchedulerToClient {}

    /**
     * The key was cancelled at the client's request.
     *
     * @param key the key
     * @param stimulusId the stimulus
     */
    record KeyCancelled(Key key, String stimulusId) implements SchedulerToClient {}

    /**
     * Which workers hold a key's value, so the client fetches it from them directly. The scheduler
     * sends it in answer to {@link ClientToScheduler.WhoHas} ({@link KeyInMemory} names the
     * holders itself);
     * an empty list means no worker holds it now.
     *
     * @param key the key
     * @param workers the holders' addresses
     * @param stimulusId the stimulus
     */
    record KeyLocation(Key key, List<String> workers, String stimulusId) implements SchedulerToClient {
        /** Copies the list. */
        public KeyLocation {
            workers = List.copyOf(workers);
        }
    }
}
