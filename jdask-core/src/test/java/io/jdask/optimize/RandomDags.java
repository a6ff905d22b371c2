package io.jdask.optimize;

import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random DAGs for tests: literals (cheap and big), aliases, and tasks doing long arithmetic
 * on their dependencies, with a bias towards linear chains so fusing has work to do. Every node
 * depends only on nodes made before it, so insertion order is topological.
 */
final class RandomDags {
    private RandomDags() {}

    /** A graph and the keys to ask of it. */
    record Sample(TaskGraph graph, List<Key> outputs) {}

    static final String[] PREFIXES = {"inc", "add-many", "sum", "getitem", "load"};

    static Sample generate(long seed, int size) {
        Random rnd = new Random(seed);
        List<Node> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Key key = i % 3 == 0
                    ? Key.of(PREFIXES[rnd.nextInt(PREFIXES.length)] + "-" + Long.toHexString(seed) + "0abc1234", i)
                    : Key.of(PREFIXES[rnd.nextInt(PREFIXES.length)] + "-" + i);
            nodes.add(node(rnd, key, nodes));
        }
        List<Key> outputs = new ArrayList<>();
        for (Node n : nodes) {
            if (rnd.nextInt(8) == 0) {
                outputs.add(n.key());
            }
        }
        if (outputs.isEmpty() || rnd.nextBoolean()) {
            outputs.add(nodes.get(size - 1).key());
        }
        return new Sample(TaskGraph.of(nodes), List.copyOf(new java.util.LinkedHashSet<>(outputs)));
    }

    private static Node node(Random rnd, Key key, List<Node> before) {
        int i = before.size();
        int kind = i == 0 ? 0 : rnd.nextInt(20);
        if (kind < 2) {
            return new Literal(key, cheapValue(rnd));
        }
        if (kind == 2) {
            long[] block = new long[32];
            for (int j = 0; j < block.length; j++) {
                block[j] = rnd.nextInt(1000);
            }
            return new Literal(key, block);
        }
        if (kind == 3) {
            return new Alias(key, pick(rnd, before, true));
        }
        long salt = rnd.nextInt(1_000_000);
        if (kind < 12) { // a chain link: depends only on the node just before
            return new Task(key, combiner(salt), Arg.ref(before.get(i - 1).key()));
        }
        int refs = 1 + rnd.nextInt(4);
        List<Arg> args = new ArrayList<>();
        for (int r = 0; r < refs; r++) {
            Key d = pick(rnd, before, false);
            switch (rnd.nextInt(4)) {
                case 0 -> args.add(Arg.many(List.of(Arg.ref(d), Arg.value((long) rnd.nextInt(10)))));
                case 1 -> args.add(Arg.value((long) rnd.nextInt(100)));
                default -> args.add(Arg.ref(d));
            }
        }
        return new Task(key, combiner(salt), args);
    }

    private static Key pick(Random rnd, List<Node> before, boolean recent) {
        int i = before.size();
        int window = recent ? Math.min(i, 4) : Math.min(i, 1 + rnd.nextInt(64));
        return before.get(i - 1 - rnd.nextInt(window)).key();
    }

    private static Object cheapValue(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> null;
            case 1 -> "s" + rnd.nextInt(100);
            case 2 -> List.of((long) rnd.nextInt(10), (long) rnd.nextInt(10));
            default -> (long) rnd.nextInt(1000);
        };
    }

    /** A task function that mixes its arguments into one long, so any mistake changes the result. */
    static TaskFunction combiner(long salt) {
        return args -> {
            long h = salt;
            for (Object a : args) {
                h = h * 1_000_003L + asLong(a);
            }
            return h;
        };
    }

    /** Reduces any value a random graph produces to a long. */
    static long asLong(Object v) {
        return switch (v) {
            case null -> 7;
            case Long l -> l;
            case String s -> s.hashCode();
            case long[] block -> {
                long s = 0;
                for (long x : block) {
                    s = s * 31 + x;
                }
                yield s;
            }
            case List<?> list -> {
                long s = 11;
                for (Object o : list) {
                    s = s * 17 + asLong(o);
                }
                yield s;
            }
            default -> throw new IllegalArgumentException("unexpected value " + v);
        };
    }

    /** @return the results of the outputs, each reduced to a long */
    static List<Long> results(TaskGraph graph, List<Key> outputs) {
        List<Long> out = new ArrayList<>();
        for (Object o : Evaluator.evaluate(graph, outputs)) {
            out.add(asLong(o));
        }
        return out;
    }
}
