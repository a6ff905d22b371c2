package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.List;

/** Messages a client sends to the scheduler. */
public sealed interface ClientToScheduler extends Message {
    /**
     * A whole graph in one message: the tasks (some may already be known to the scheduler) and the
     * keys the client wants.
     *
     * @param tasks the tasks, in any order
     * @param wanted the keys whose results the client holds futures for
     * @param stimulusId the stimulus
     */
    record UpdateGraph(List<TaskSpec> tasks, List<Key> wanted, String stimulusId) implements ClientToScheduler {
        /** Copies the lists. */
        public UpdateGraph {
            tasks = List.copyOf(tasks);
            wanted = List.copyOf(wanted);
        }
    }

    /**
     * The client no longer wants these keys (its futures were dropped).
     *
     * @param keys the keys
     * @param stimulusId the stimulus
     */
    record ReleaseKeys(List<Key> keys, String stimulusId) implements ClientToScheduler {
        /** Copies the list. */
        public ReleaseKeys {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Cancel these keys: the client stops wanting them and is told they are cancelled; tasks no one
     * else wants stop, running ones are interrupted.
     *
     * @param keys the keys
     * @param stimulusId the stimulus
     */
    record CancelKeys(List<Key> keys, String stimulusId) implements ClientToScheduler {
        /** Copies the list. */
        public CancelKeys {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Run these erred keys again, with the tasks whose failure they inherited.
     *
     * @param keys the keys
     * @param stimulusId the stimulus
     */
    record RetryKeys(List<Key> keys, String stimulusId) implements ClientToScheduler {
        /** Copies the list. */
        public RetryKeys {
            keys = List.copyOf(keys);
        }
    }

    /**
     * The client leaves; everything it wanted is released.
     *
     * @param stimulusId the stimulus
     */
    record CloseClient(String stimulusId) implements ClientToScheduler {}

    /**
     * Ask which workers hold these keys; answered with one {@link SchedulerToClient.KeyLocation}
     * per key (after a gather found a holder gone, for instance).
     *
     * @param keys the keys
     * @param stimulusId the stimulus
     */
    record WhoHas(List<Key> keys, String stimulusId) implements ClientToScheduler {
        /** Copies the list. */
        public WhoHas {
            keys = List.copyOf(keys);
        }
    }
}
