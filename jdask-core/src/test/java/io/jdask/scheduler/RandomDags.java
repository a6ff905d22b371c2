package io.jdask.scheduler;

import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random DAGs of long arithmetic, and a naive evaluator to check schedulers against. */
final class RandomDags {
    private RandomDags() {}

    /** Each task: (sum of its dependencies' results * 31 + its own salt) mod a prime. */
    record Mix(long salt) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            long acc = salt;
            for (Object a : args) {
                if (a instanceof List<?> l) {
                    for (Object o : l) {
                        acc = (acc * 31 + (Long) o) % 1_000_000_007L;
                    }
                } else {
                    acc = (acc * 31 + (Long) a) % 1_000_000_007L;
                }
            }
            return acc;
        }
    }

    static TaskGraph generate(long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Node> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Key k = Key.of("n" + (r.nextInt(4)) + "-" + i);
            if (i == 0 || r.nextInt(8) == 0) {
                nodes.add(new Literal(k, (long) r.nextInt(1000)));
                continue;
            }
            int fanIn = 1 + r.nextInt(Math.min(i, 4));
            List<Arg> args = new ArrayList<>();
            for (int j = 0; j < fanIn; j++) {
                Key dep = nodes.get(Math.max(0, i - 1 - r.nextInt(Math.min(i, 20)))).key();
                args.add(r.nextInt(5) == 0 ? Arg.many(List.of(Arg.ref(dep), Arg.value(3L))) : Arg.ref(dep));
            }
            nodes.add(new Task(k, new Mix(r.nextLong(1000)), args));
        }
        return TaskGraph.of(nodes);
    }

    /** Evaluates every node in insertion order (dependencies always come first in generated graphs). */
    static java.util.Map<Key, Object> evaluate(TaskGraph g) throws Exception {
        java.util.Map<Key, Object> out = new java.util.HashMap<>();
        for (Node n : g.nodes().values()) {
            Object v = switch (n) {
                case Literal l -> l.value();
                case Task t -> t.run(out::get);
                case io.jdask.graph.Alias a -> out.get(a.target());
            };
            out.put(n.key(), v);
        }
        return out;
    }

    static List<Key> sinks(TaskGraph g) {
        var idx = g.index();
        List<Key> out = new ArrayList<>();
        for (int i = 0; i < idx.size(); i++) {
            if (idx.dependents(i).length == 0) {
                out.add(idx.key(i));
            }
        }
        return out;
    }
}
