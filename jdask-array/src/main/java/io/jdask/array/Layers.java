package io.jdask.array;

import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds one graph layer per Array operation: one task per output block. */
final class Layers {
    private Layers() {}

    /** Makes the task of one output block. */
    @FunctionalInterface
    interface BlockTask {
        Node make(Key key, int[] index);
    }

    static String name(String prefix, Object... parts) {
        Object[] strings = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Object p = parts[i];
            strings[i] = p instanceof int[] a ? Arrays.toString(a)
                    : p instanceof int[][] a ? Arrays.deepToString(a)
                    : p instanceof Array a ? a.name()
                    : String.valueOf(p);
        }
        return prefix + "-" + Tokens.token(strings);
    }

    static Array layer(String name, int[][] chunks, DType dtype, List<Array> deps, BlockTask make) {
        List<int[]> idx = Chunks.indices(Chunks.grid(chunks));
        List<Node> nodes = new ArrayList<>(idx.size());
        for (int[] i : idx) {
            nodes.add(make.make(Key.of(name, i), i));
        }
        List<Graph> graphs = new ArrayList<>(deps.size());
        for (Array d : deps) {
            graphs.add(d.graph());
        }
        return new Array(name, Graph.of(nodes, graphs), chunks, dtype);
    }

    static Task task(Key key, TaskFunction fn, Arg... args) {
        return new Task(key, fn, args);
    }

    static Arg ref(Array a, int[] index) {
        return Arg.ref(Key.of(a.name(), index));
    }
}
