package io.jdask.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTest {
    @Test
    void prefixDropsTokensAndNumbers() {
        assertThat(Key.of("inc-3f2a9c0142aa4b1c9d0e1f2a3b4c5d6e").prefix()).isEqualTo("inc");
        assertThat(Key.of("sum-aggregate-0a1b2c3d").prefix()).isEqualTo("sum-aggregate");
        assertThat(Key.of("hello-world-1").prefix()).isEqualTo("hello-world");
        assertThat(Key.of("x").prefix()).isEqualTo("x");
        assertThat(Key.of("deadbeef00").prefix()).isEqualTo("deadbeef00");
        assertThat(Key.of("random-sample-4d2e6f70", 0, 1).prefix()).isEqualTo("random-sample");
        assertThat(Key.of("face-cafe").prefix()).isEqualTo("face-cafe");
    }

    /** The prefix rule written plainly: split on dashes, keep words up to the first later one that is a token or a number. */
    static String naivePrefix(String name) {
        String[] words = name.split("-", -1);
        List<String> kept = new ArrayList<>(List.of(words[0]));
        for (int i = 1; i < words.length && !words[i].matches("[0-9a-f]{8,}|\\p{Nd}+"); i++) {
            kept.add(words[i]);
        }
        String joined = String.join("-", kept);
        return joined.isEmpty() ? name : joined;
    }

    @Test
    void prefixAndHasPrefixAgreeWithThePlainRuleOnRandomNames() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "--ab0f9x7\u0663Z";
        List<String> seen = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + random.nextInt(24);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String name = b.toString();
            String expected = naivePrefix(name);
            assertThat(Key.prefixOf(name)).as(name).isEqualTo(expected);
            assertThat(Key.hasPrefix(name, expected)).as(name).isTrue();
            seen.add(expected);
            String other = seen.get(random.nextInt(seen.size()));
            assertThat(Key.hasPrefix(name, other)).as(name + " / " + other).isEqualTo(other.equals(expected));
        }
        assertThat(Key.hasPrefix("inc-3f2a9c0142aa", "inc")).isTrue();
        assertThat(Key.hasPrefix("inc-more-3f2a9c0142aa", "inc")).isFalse();
        assertThat(Key.hasPrefix("incr-3f2a9c0142aa", "inc")).isFalse();
        assertThat(Key.hasPrefix("x", "x")).isTrue();
    }

    @Test
    void equalityHashAndOrder() {
        assertThat(Key.of("x", 1, 2)).isEqualTo(Key.of("x", 1, 2)).hasSameHashCodeAs(Key.of("x", 1, 2));
        assertThat(Key.of("x", 1, 2)).isNotEqualTo(Key.of("x", 2, 1)).isNotEqualTo(Key.of("x"));
        List<Key> keys = new ArrayList<>(List.of(Key.of("b"), Key.of("a", 2), Key.of("a", 1, 5), Key.of("a", 1), Key.of("a")));
        keys.sort(null);
        assertThat(keys).containsExactly(Key.of("a"), Key.of("a", 1), Key.of("a", 1, 5), Key.of("a", 2), Key.of("b"));
    }

    @Test
    void indicesAreCopiedAndPrinted() {
        int[] idx = {3, 4};
        Key k = Key.of("x-abc", idx);
        idx[0] = 99;
        assertThat(k.index(0)).isEqualTo(3);
        assertThat(k.indices()).containsExactly(3, 4);
        assertThat(k.ndim()).isEqualTo(2);
        assertThat(k.toString()).isEqualTo("('x-abc', 3, 4)");
        assertThat(Key.of("plain").toString()).isEqualTo("plain");
        assertThatThrownBy(() -> Key.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
