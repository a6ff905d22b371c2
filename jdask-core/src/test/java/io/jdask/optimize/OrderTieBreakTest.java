package io.jdask.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.graph.Arg;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Equal-work siblings run in {@link Key} order, whatever characters their names hold. */
class OrderTieBreakTest {
    private static final String ALPHABET = "ab-09fz\u00e9\u00ff\u0100\u4e2d\ud83d\ude00\u0000";

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void siblingsOfEqualWorkArePlacedInKeyOrder(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<Key> names = new LinkedHashSet<>();
        String sharedPrefix = "prefix-" + (char) ('a' + r.nextInt(3));
        while (names.size() < 300) {
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? sharedPrefix : "");
            int len = 1 + r.nextInt(20);
            for (int i = 0; i < len; i++) {
                sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            names.add(r.nextInt(4) == 0 ? Key.of(sb.toString(), r.nextInt(3)) : Key.of(sb.toString()));
        }
        List<Node> nodes = new ArrayList<>();
        List<Arg> refs = new ArrayList<>();
        for (Key k : names) {
            nodes.add(new Task(k, a -> 1));
            refs.add(Arg.ref(k));
        }
        nodes.add(new Task(Key.of("~sink"), a -> 0, refs));
        IndexedGraph g = TaskGraph.of(nodes).index();
        int[] priority = Order.order(g);
        List<Key> placed = new ArrayList<>(names);
        placed.sort(Comparator.comparingInt(k -> priority[g.id(k)]));
        List<Key> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertThat(placed).isEqualTo(sorted);
    }
}
