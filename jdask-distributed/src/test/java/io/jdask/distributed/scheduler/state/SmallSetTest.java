package io.jdask.distributed.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallSetTest {
    /** Random adds, removes, clears and iterator removals, checked against a LinkedHashSet after every step. */
    @Test
    void behavesLikeLinkedHashSet() {
        Random r = new Random(42);
        for (int round = 0; round < 200; round++) {
            SmallSet<Integer> s = new SmallSet<>();
            LinkedHashSet<Integer> ref = new LinkedHashSet<>();
            int range = 1 + r.nextInt(3 * SmallSet.SMALL);
            for (int step = 0; step < 300; step++) {
                int v = r.nextInt(range);
                switch (r.nextInt(10)) {
                    case 0, 1, 2, 3, 4 -> assertThat(s.add(v)).isEqualTo(ref.add(v));
                    case 5, 6, 7 -> assertThat(s.remove(v)).isEqualTo(ref.remove(v));
                    case 8 -> {
                        Iterator<Integer> a = s.iterator();
                        Iterator<Integer> b = ref.iterator();
                        while (a.hasNext()) {
                            int x = a.next();
                            assertThat(b.next()).isEqualTo(x);
                            if (x % 3 == v % 3) {
                                a.remove();
                                b.remove();
                            }
                        }
                        assertThat(b.hasNext()).isFalse();
                    }
                    default -> {
                        if (r.nextInt(10) == 0) {
                            s.clear();
                            ref.clear();
                        }
                    }
                }
                assertThat(new ArrayList<>(s)).containsExactlyElementsOf(ref);
                assertThat(s.size()).isEqualTo(ref.size());
                assertThat(s.isEmpty()).isEqualTo(ref.isEmpty());
                assertThat(s.contains(v)).isEqualTo(ref.contains(v));
                assertThat(s).isEqualTo(ref);
                assertThat(s.hashCode()).isEqualTo(ref.hashCode());
            }
        }
    }

    @Test
    void equalElementsAreOneElement() {
        SmallSet<String> s = new SmallSet<>();
        s.add("client-1");
        assertThat(s.add(new String("client-1"))).isFalse();
        assertThat(s.remove(new String("client-1"))).isTrue();
        assertThat(s).isEmpty();
    }

    @Test
    void changeWhileIteratingThrows() {
        SmallSet<Integer> s = new SmallSet<>();
        s.add(1);
        s.add(2);
        Iterator<Integer> it = s.iterator();
        it.next();
        s.add(3);
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> s.add(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void storyLogKeepsTheLatestEntriesInOrder() {
        StoryLog log = new StoryLog(3000);
        io.jdask.graph.Key a = io.jdask.graph.Key.of("a");
        io.jdask.graph.Key b = io.jdask.graph.Key.of("b");
        for (int i = 0; i < 5000; i++) {
            log.add(i % 2 == 0 ? a : b, TaskState.RELEASED, TaskState.WAITING, i % 4 == 0 ? "" : "n" + i, i % 3 == 0 ? "tcp://w" : null, "s" + i, i);
        }
        List<StoryEntry> ofA = log.of(a);
        assertThat(ofA).hasSize(1500);
        assertThat(ofA.getFirst().nanos()).isEqualTo(2000);
        assertThat(ofA.getLast().nanos()).isEqualTo(4998);
        for (StoryEntry e : ofA) {
            int i = (int) e.nanos();
            String note = i % 4 == 0 ? "" : "n" + i;
            String expected = i % 3 == 0 ? "on tcp://w" + (note.isEmpty() ? "" : ", " + note) : note;
            assertThat(e.note()).isEqualTo(expected);
            assertThat(e.stimulusId()).isEqualTo("s" + i);
            assertThat(e.key()).isEqualTo(a);
        }
        StoryLog small = new StoryLog(10);
        for (int i = 0; i < 7; i++) {
            small.add(a, TaskState.RELEASED, TaskState.WAITING, "", null, "s", i);
        }
        assertThat(small.of(a)).extracting(StoryEntry::nanos).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(small.of(b)).isEmpty();
    }
}
