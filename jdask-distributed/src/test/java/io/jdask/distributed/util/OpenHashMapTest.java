package io.jdask.distributed.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpenHashMapTest {
    @Test
    void aKeyMapBehavesLikeAHashMapUnderRandomPutsRemovesAndLookups() {
        Random random = new Random(42);
        // few distinct keys so that removals hit, long probe runs and growth all happen
        checkAgainstHashMap(new KeyMap<>(), () -> random.nextBoolean() ? Key.of("x", random.nextInt(3_000)) : Key.of("y-" + random.nextInt(3_000)), random);
    }

    @Test
    void aStringMapBehavesLikeAHashMapUnderRandomPutsRemovesAndLookups() {
        Random random = new Random(7);
        checkAgainstHashMap(new StringMap<>(), () -> "prefix-" + random.nextInt(5_000), random);
    }

    private static <K> void checkAgainstHashMap(OpenHashMap<K, Integer> map, java.util.function.Supplier<K> keys, Random random) {
        Map<K, Integer> model = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            K k = keys.get();
            int op = random.nextInt(10);
            if (op < 5) {
                assertThat(map.put(k, step)).isEqualTo(model.put(k, step));
            } else if (op < 8) {
                assertThat(map.remove(k)).isEqualTo(model.remove(k));
            } else {
                assertThat(map.get(k)).isEqualTo(model.get(k));
                assertThat(map.containsKey(k)).isEqualTo(model.containsKey(k));
            }
            assertThat(map.size()).isEqualTo(model.size());
            if (step % 20_000 == 0) {
                assertSameEntries(map, model);
            }
        }
        assertSameEntries(map, model);
        for (K k : new ArrayList<>(model.keySet())) {
            assertThat(map.remove(k)).isEqualTo(model.remove(k));
        }
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.values()).isEmpty();
    }

    @Test
    void findsKeysByValueNotIdentityAndReplacesValuesInPlace() {
        KeyMap<String> map = new KeyMap<>();
        assertThat(map.put(Key.of("a", 1, 2), "first")).isNull();

        assertThat(map.get(Key.of("a", 1, 2))).isEqualTo("first");
        assertThat(map.get(Key.of("a", 2, 1))).isNull();
        assertThat(map.get(null)).isNull();
        assertThat(map.put(Key.of("a", 1, 2), "second")).isEqualTo("first");
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.values()).containsExactly("second");
    }

    @Test
    void removesAKeyOnlyWhileItHasTheGivenValue() {
        KeyMap<Long> map = new KeyMap<>();
        map.put(Key.of("k"), 7L);

        assertThat(map.remove(Key.of("k"), 8L)).isFalse();
        assertThat(map.remove(Key.of("absent"), 7L)).isFalse();
        assertThat(map.get(Key.of("k"))).isEqualTo(7L);
        assertThat(map.remove(Key.of("k"), Long.valueOf(7L))).isTrue(); // equal, not the same instance
        assertThat(map.isEmpty()).isTrue();
    }

    @Test
    void keysWhoseSlotsCollideStayReachableAfterRemovalsInTheMiddleOfTheirRun() {
        KeyMap<Integer> map = new KeyMap<>();
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(Key.of("k", i));
            map.put(keys.get(i), i);
        }
        for (int i = 0; i < 10; i += 3) {
            map.remove(keys.get(i));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(map.get(keys.get(i))).as("key %d", i).isEqualTo(i % 3 == 0 ? null : i);
        }
    }

    @Test
    void changingTheMapWhileIteratingThrowsButReplacingAValueDoesNot() {
        KeyMap<Integer> map = new KeyMap<>();
        for (int i = 0; i < 5; i++) {
            map.put(Key.of("k", i), i);
        }
        Iterator<Integer> it = map.values().iterator();
        it.next();
        map.put(Key.of("k", 0), 100); // a new value, same key: not a change of the map's shape
        assertThat(it.hasNext()).isTrue();
        map.remove(Key.of("k", 1));
        assertThatThrownBy(it::hasNext).isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> map.forEach((k, v) -> map.put(Key.of("new", v), v))).isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> new KeyMap<Integer>().values().iterator().next()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void refusesNullKeysAndValues() {
        KeyMap<String> map = new KeyMap<>();
        assertThatThrownBy(() -> map.put(null, "v")).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> map.put(Key.of("k"), null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> new StringMap<String>().put(null, "v")).isInstanceOf(NullPointerException.class).hasMessage("key");
    }

    private static <K> void assertSameEntries(OpenHashMap<K, Integer> map, Map<K, Integer> model) {
        Map<K, Integer> seen = new HashMap<>();
        map.forEach((k, v) -> assertThat(seen.put(k, v)).as("each key once").isNull());
        assertThat(seen).isEqualTo(model);
        List<Integer> values = new ArrayList<>();
        map.values().forEach(values::add);
        assertThat(values).containsExactlyInAnyOrderElementsOf(model.values());
    }
}
