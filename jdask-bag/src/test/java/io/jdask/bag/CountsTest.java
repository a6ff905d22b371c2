package io.jdask.bag;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.serialize.Serialization;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing counter against a HashMap, and through serialization. */
class CountsTest {
    enum Colour { RED, GREEN }

    @Test
    void countsLikeAHashMapIncludingNullAndGrowth() {
        Random r = new Random(9);
        Counts c = new Counts(16);
        Map<Object, Long> expected = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            Object k = switch (r.nextInt(4)) {
                case 0 -> null;
                case 1 -> Colour.values()[r.nextInt(2)];
                case 2 -> switch (r.nextInt(4)) {
                    case 0 -> "a-string-longer-than-sixteen-" + r.nextInt(50);
                    case 1 -> "ünï€" + r.nextInt(50);
                    case 2 -> "\0" + (r.nextBoolean() ? "\0" : "");
                    default -> "x".repeat(r.nextInt(17));
                };
                default -> "w" + (int) Math.abs(r.nextGaussian() * 3000);
            };
            c.add(k, 1);
            expected.merge(k == null ? "<null>" : k, 1L, Long::sum);
        }
        assertThat(c.size()).isEqualTo(expected.size());
        for (Map.Entry<Object, Long> e : c.entries()) {
            assertThat(e.getValue()).isEqualTo(expected.get(e.getKey() == null ? "<null>" : e.getKey()));
        }
        Counts merged = new Counts();
        merged.addAll(c);
        merged.addAll(c);
        assertThat(merged.get(null)).isEqualTo(2 * expected.get("<null>"));
        for (Object k : expected.keySet()) {
            Object key = "<null>".equals(k) ? null : k;
            assertThat(merged.get(key)).as("merged count of %s", k).isEqualTo(2 * expected.get(k));
        }
        assertThat(merged.get("never seen")).isZero();

        for (String fallback : new String[] {"fory", "java"}) {
            Serialization s = Serialization.builder().allowedPackages(java.util.List.of("*")).fallback(fallback).build();
            Counts back = (Counts) s.fromBytes(s.toBytes(c));
            assertThat(back.size()).as(fallback).isEqualTo(c.size());
            back.add(Colour.RED, 1);
            back.add(null, 1);
            assertThat(back.size()).as(fallback).isEqualTo(c.size());
            assertThat(back.get(Colour.RED)).isEqualTo(expected.get(Colour.RED) + 1);
        }
    }
}
