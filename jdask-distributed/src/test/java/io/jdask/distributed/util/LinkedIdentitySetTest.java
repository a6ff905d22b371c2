package io.jdask.distributed.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheduler's identity set against a {@code LinkedHashSet} of identity-compared elements. */
class LinkedIdentitySetTest {
    /** Equal to every other one, by value: the set must still tell them apart. */
    private static final class Same {
        final int id;

        Same(int id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Same;
        }

        @Override
        public int hashCode() {
            return 1;
        }

        @Override
        public String toString() {
            return "same-" + id;
        }
    }

    @Test
    void keepsInsertionOrderAndIdentityUnderRandomAddsRemovesAndIteratorRemoves() {
        Random random = new Random(42);
        List<Same> pool = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            pool.add(new Same(i));
        }
        // the model: a LinkedHashSet, over identity (a set from an IdentityHashMap has no order, so order is checked by a list)
        Set<Same> members = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Same> order = new ArrayList<>();
        LinkedIdentitySet<Same> set = new LinkedIdentitySet<>();
        for (int step = 0; step < 200_000; step++) {
            // phases of growth and of shrinking, so holes pile up and get squeezed out
            boolean growing = (step / 20_000) % 2 == 0;
            Same x = pool.get(random.nextInt(pool.size()));
            int op = random.nextInt(10);
            if (op < (growing ? 6 : 3)) {
                boolean added = members.add(x);
                if (added) {
                    order.add(x);
                }
                assertThat(set.add(x)).isEqualTo(added);
            } else if (op < 9) {
                boolean removed = members.remove(x);
                if (removed) {
                    order.remove(indexOf(order, x));
                }
                assertThat(set.remove(x)).isEqualTo(removed);
            } else {
                assertThat(set.contains(x)).isEqualTo(members.contains(x));
            }
            assertThat(set.size()).isEqualTo(members.size());
            if (step % 5_000 == 0) {
                assertSameOrder(set, order);
                // drop every third through the iterator
                Iterator<Same> it = set.iterator();
                for (int i = 0; it.hasNext(); i++) {
                    Same s = it.next();
                    if (i % 3 == 0) {
                        it.remove();
                        members.remove(s);
                        order.remove(indexOf(order, s));
                    }
                }
                assertSameOrder(set, order);
            }
        }
        set.clear();
        assertThat(set).isEmpty();
        assertThat(set.contains(pool.get(0))).isFalse();
    }

    private static int indexOf(List<Same> list, Same x) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == x) {
                return i;
            }
        }
        throw new AssertionError(x + " not in the model");
    }

    private static void assertSameOrder(LinkedIdentitySet<Same> set, List<Same> order) {
        List<Same> got = new ArrayList<>(set);
        assertThat(got).hasSize(order.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).isSameAs(order.get(i));
        }
    }

    @Test
    void behavesAsALinkedHashSetForReAddsNullsAndChangesWhileIterating() {
        String a = new String("a");
        String a2 = new String("a"); // equal, not the same
        LinkedIdentitySet<String> set = new LinkedIdentitySet<>();
        LinkedHashSet<String> byValue = new LinkedHashSet<>();
        assertThat(set.add(a)).isTrue();
        assertThat(set.add(a2)).isTrue(); // a value set would say false
        assertThat(byValue.add(a) && !byValue.add(a2)).isTrue();
        set.add("b");
        set.remove(a);
        set.add(a); // back in: last
        assertThat(new ArrayList<>(set)).containsExactly("a", "b", "a");
        assertThat(List.copyOf(set).get(2)).isSameAs(a);
        assertThat(set.contains(null)).isFalse();
        assertThat(set.remove(null)).isFalse();
        assertThatThrownBy(() -> set.add(null)).isInstanceOf(NullPointerException.class);

        Iterator<String> it = set.iterator();
        it.next();
        set.add("c");
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
        Iterator<String> fresh = set.iterator();
        assertThatThrownBy(fresh::remove).isInstanceOf(IllegalStateException.class);
        while (fresh.hasNext()) {
            fresh.next();
        }
        assertThatThrownBy(fresh::next).isInstanceOf(NoSuchElementException.class);
    }
}
