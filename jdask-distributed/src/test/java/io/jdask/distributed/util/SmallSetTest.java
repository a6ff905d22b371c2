package io.jdask.distributed.util;

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

    /** The walks without an iterator (anyMatch, forEach, toArray) see the same elements in the same order as a LinkedHashSet, small or promoted. */
    @Test
    void walksWithoutIteratorMatchLinkedHashSet() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            SmallSet<Integer> s = new SmallSet<>();
            LinkedHashSet<Integer> ref = new LinkedHashSet<>();
            int n = r.nextInt(3 * SmallSet.SMALL);
            for (int i = 0; i < n; i++) {
                int v = r.nextInt(40);
                s.add(v);
                ref.add(v);
                if (r.nextInt(4) == 0) {
                    s.remove(v);
                    ref.remove(v);
                }
            }
            List<Integer> walked = new ArrayList<>();
            s.forEach(walked::add);
            assertThat(walked).containsExactlyElementsOf(ref);
            assertThat(s.toArray()).containsExactly(ref.toArray());
            int probe = r.nextInt(40);
            assertThat(s.anyMatch(x -> x == probe)).isEqualTo(ref.contains(probe));
            assertThat(s.anyMatch(x -> x % 7 == 3)).isEqualTo(ref.stream().anyMatch(x -> x % 7 == 3));
        }
        SmallSet<Integer> s = new SmallSet<>();
        s.add(1);
        s.add(2);
        assertThatThrownBy(() -> s.forEach(x -> s.add(x + 10))).isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> s.anyMatch(x -> s.remove(x) && false)).isInstanceOf(ConcurrentModificationException.class);
    }
}
