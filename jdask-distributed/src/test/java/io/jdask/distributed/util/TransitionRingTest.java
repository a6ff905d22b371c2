package io.jdask.distributed.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionRingTest {
    private record Seen(Key key, String from, String to, String note, Object detail, long number, String stimulus, long nanos) {}

    private static List<Seen> of(TransitionRing<String> ring, Key key) {
        List<Seen> out = new ArrayList<>();
        ring.visit(key, (k, f, t, note, detail, number, stimulus, nanos) -> out.add(new Seen(k, f, t, note, detail, number, stimulus, nanos)));
        return out;
    }

    @Test
    void keepsEveryFieldOfTheLatestEntriesOldestFirstAcrossGrowthAndWrapAround() {
        TransitionRing<String> ring = new TransitionRing<>(2500); // grows 1024 -> 2048 -> 2500, then wraps
        Key a = Key.of("a");
        Key b = Key.of("b");
        for (int i = 0; i < 6001; i++) {
            ring.add(i % 3 == 0 ? a : b, "f" + i, "t" + i, "n" + i, i % 2 == 0 ? null : "d" + i, -i, "s" + i, i);
        }
        // entries 3501..6000 are kept; a's are the multiples of 3 among them
        List<Seen> ofA = of(ring, a);
        List<Long> expected = new ArrayList<>();
        for (int i = 3501; i <= 6000; i++) {
            if (i % 3 == 0) {
                expected.add((long) i);
            }
        }
        assertThat(ofA).extracting(Seen::nanos).containsExactlyElementsOf(expected);
        for (Seen s : ofA) {
            int i = (int) s.nanos();
            assertThat(s).isEqualTo(new Seen(a, "f" + i, "t" + i, "n" + i, i % 2 == 0 ? null : "d" + i, -i, "s" + i, i));
        }
        assertThat(of(ring, a).size() + of(ring, b).size()).isEqualTo(2500);
        assertThat(of(ring, Key.of("c"))).isEmpty();
    }

    @Test
    void aRingOfOneKeepsOnlyTheLastEntryAndALimitBelowOneIsRefused() {
        TransitionRing<String> one = new TransitionRing<>(1);
        Key a = Key.of("a");
        one.add(a, "x", "y", "first", null, 1, "s1", 1);
        one.add(a, "y", "z", "second", null, 2, "s2", 2);
        assertThat(of(one, a)).extracting(Seen::note).containsExactly("second");
        assertThatThrownBy(() -> new TransitionRing<String>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
