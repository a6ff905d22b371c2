package io.jdask.distributed.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.scheduler.monitor.ClusterMonitor;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import io.jdask.distributed.scheduler.state.SchedulerEvent;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.distributed.scheduler.state.TaskState;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginsTest {
    /** Records every transition it hears of. */
    static final class Recorder implements SchedulerPlugin {
        final List<String> heard = new ArrayList<>();

        @Override
        public void transition(Key key, String prefix, TaskState from, TaskState to, String worker) {
            heard.add(key.name() + " " + prefix + " " + from + "->" + to + (worker == null ? "" : " on " + worker));
        }
    }

    /** Counts finished tasks only. */
    static final class FinishCounter implements SchedulerPlugin {
        int finished;

        @Override
        public void taskFinished(String worker, Key key, long nbytes, long durationNanos, long nowNanos) {
            finished++;
        }
    }

    @Test
    void onlyPluginsThatOverrideTransitionAreCalledPerTransition() {
        assertThat(new Plugins(List.of(new FinishCounter(), ClusterMonitor.builder().build())).watchTransitions()).isFalse();
        assertThat(new Plugins(List.of()).watchTransitions()).isFalse();

        Recorder recorder = new Recorder();
        SchedulerPlugin failing = new SchedulerPlugin() {
            @Override
            public void transition(Key key, String prefix, TaskState from, TaskState to, String worker) {
                throw new IllegalStateException("a broken plugin");
            }
        };
        FinishCounter counter = new FinishCounter();
        Plugins plugins = new Plugins(List.of(failing, counter, recorder));
        assertThat(plugins.watchTransitions()).isTrue();

        SchedulerState state = new SchedulerState(SchedulerConfig.defaults().withValidate(true), () -> 0L);
        state.transitionListener(plugins);
        state.handle(new SchedulerEvent.AddWorker("tcp://a:1", "a", 1, 0, Map.of(), "s1"));
        state.handle(new SchedulerEvent.UpdateGraph("client-1", List.of(TaskSpec.of(Key.of("inc-3f2a9c0142aa"), Payload.EMPTY, List.of(), 0)),
                List.of(Key.of("inc-3f2a9c0142aa")), "s2"));
        plugins.taskFinished("tcp://a:1", Key.of("inc-3f2a9c0142aa"), 8, 1, 0);
        state.handle(new SchedulerEvent.TaskFinished("tcp://a:1", Key.of("inc-3f2a9c0142aa"), 8, "I", 1, Long.MAX_VALUE, "s3"));
        // the broken plugin before it did not keep the recorder from hearing
        assertThat(recorder.heard).containsExactly("inc-3f2a9c0142aa inc RELEASED->WAITING", "inc-3f2a9c0142aa inc WAITING->PROCESSING on tcp://a:1",
                "inc-3f2a9c0142aa inc PROCESSING->MEMORY on tcp://a:1");
        assertThat(counter.finished).isEqualTo(1);
    }
}
