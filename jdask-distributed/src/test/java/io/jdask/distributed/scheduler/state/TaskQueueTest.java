package io.jdask.distributed.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.protocol.Restrictions;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The scheduler's root-task heap against the {@code TreeSet} (priority, then key) it replaced. */
class TaskQueueTest {
    private static STask task(long generation, int order, Key key) {
        return new STask(key, new TaskPrefix(key.prefix()), Payload.EMPTY, new Priority(generation, order), Restrictions.NONE, 0);
    }

    @Test
    void agreesWithASortedSetUnderRandomAddsAndRemoves() {
        Random random = new Random(42);
        // few distinct priorities, so many ties are broken by the key (names and indices)
        List<STask> pool = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Key key = random.nextBoolean() ? Key.of("k-" + random.nextInt(50), i) : Key.of("n" + i);
            pool.add(task(random.nextInt(3), random.nextInt(20), key));
        }
        TreeSet<STask> expected = new TreeSet<>(Comparator.<STask, Priority>comparing(t -> t.priority).thenComparing(t -> t.key));
        TaskQueue queue = new TaskQueue();
        for (int op = 0; op < 100_000; op++) {
            STask t = pool.get(random.nextInt(pool.size()));
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    if (!queue.contains(t)) {
                        queue.add(t);
                        expected.add(t);
                    }
                }
                case 2 -> assertThat(queue.remove(t)).isEqualTo(expected.remove(t));
                default -> {
                    if (!expected.isEmpty()) { // take the best, as the scheduler does
                        STask best = queue.first();
                        assertThat(best).isSameAs(expected.first());
                        assertThat(queue.remove(best)).isTrue();
                        expected.remove(best);
                    }
                }
            }
            assertThat(queue.size()).isEqualTo(expected.size());
            if (op % 1000 == 0) {
                assertThat(queue.sorted()).containsExactlyElementsOf(expected);
                Set<STask> seen = new HashSet<>();
                queue.forEach(seen::add);
                assertThat(seen).isEqualTo(expected);
                for (STask p : pool) {
                    assertThat(queue.contains(p)).isEqualTo(expected.contains(p));
                }
            }
        }
        while (!expected.isEmpty()) {
            assertThat(queue.first()).isSameAs(expected.pollFirst());
            queue.remove(queue.first());
        }
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aTaskIsQueuedOnceAndAnEmptyQueueHasNoFirst() {
        TaskQueue queue = new TaskQueue();
        STask a = task(0, 1, Key.of("a"));
        STask b = task(0, 0, Key.of("b"));
        assertThatThrownBy(queue::first).isInstanceOf(NoSuchElementException.class);
        queue.add(a);
        assertThatThrownBy(() -> queue.add(a)).isInstanceOf(IllegalStateException.class).hasMessageContaining("a is queued already");
        assertThat(queue.remove(b)).isFalse();
        queue.add(b);
        assertThat(queue.first()).isSameAs(b);
        assertThat(queue.remove(b)).isTrue();
        assertThat(queue.remove(b)).isFalse();
        assertThat(queue.first()).isSameAs(a);
        assertThat(b.queueSlot).isEqualTo(-1);
        queue.add(b); // back in after leaving
        assertThat(queue.sorted()).containsExactly(b, a);
    }
}
