package io.jdask.distributed.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.protocol.SchedulerToClient.KeyCancelled;
import io.jdask.distributed.protocol.SchedulerToWorker.FreeKeys;
import io.jdask.distributed.protocol.SchedulerToWorker.RestartWorker;
import io.jdask.distributed.scheduler.state.SchedulerInstruction.ToClient;
import io.jdask.distributed.scheduler.state.SchedulerInstruction.ToWorker;
import io.jdask.graph.Key;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreeKeysMergeTest {
    private static ToWorker free(String worker, String stimulus, Key... keys) {
        return new ToWorker(worker, new FreeKeys(List.of(keys), stimulus));
    }

    @Test
    void eachWorkersFreesGoIntoItsFirstOneWhichKeepsItsPlaceAndStimulus() {
        Key a = Key.of("a");
        Key b = Key.of("b", 1);
        Key c = Key.of("c");
        Key d = Key.of("d");
        SchedulerInstruction restart = new ToWorker("w1", new RestartWorker("r"));
        SchedulerInstruction cancelled = new ToClient("client-1", new KeyCancelled(a, "x"));
        List<SchedulerInstruction> in = List.of(free("w1", "s1", a), cancelled, free("w2", "s2", b), restart, free("w1", "s3", c, d),
                free("w3", "s4", d), free("w2", "s5", a));
        assertThat(FreeKeysMerge.merge(in)).containsExactly(free("w1", "s1", a, c, d), cancelled, free("w2", "s2", b, a), restart,
                free("w3", "s4", d));
    }

    @Test
    void fewerThanTwoFreesComeBackAsTheyAre() {
        List<SchedulerInstruction> one = List.of(free("w1", "s1", Key.of("a")), new ToWorker("w1", new RestartWorker("r")));
        assertThat(FreeKeysMerge.merge(one)).isSameAs(one);
        List<SchedulerInstruction> none = List.of();
        assertThat(FreeKeysMerge.merge(none)).isSameAs(none);
    }
}
