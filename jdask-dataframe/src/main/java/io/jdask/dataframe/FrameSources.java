package io.jdask.dataframe;

import io.jdask.Delayed;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The DataFrames made from local frames and delayed values ({@code DataFrame.fromFrame}, {@code fromFrames}, {@code fromDelayed}). */
final class FrameSources {
    private FrameSources() {}

    static DataFrame fromFrame(Frame frame, int npartitions) {
        if (npartitions < 1) {
            throw new IllegalArgumentException("npartitions must be positive, not " + npartitions);
        }
        int rows = frame.numRows();
        int np = Math.max(1, Math.min(npartitions, rows));
        List<Integer> starts = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            int s = (int) ((long) rows * p / np);
            if (frame.isSorted()) {
                while (s > 0 && s < rows && frame.index().compareRows(s - 1, s) == 0) {
                    s++;
                }
            }
            if (starts.isEmpty() || (s > starts.get(starts.size() - 1) && s < rows) || rows == 0) {
                starts.add(s);
            }
            if (rows == 0) {
                break;
            }
        }
        np = starts.size();
        String name = "from-frame-" + FrameToken.of(frame, np);
        List<Node> nodes = new ArrayList<>(np);
        for (int p = 0; p < np; p++) {
            int to = p + 1 < np ? starts.get(p + 1) : rows;
            nodes.add(new Literal(Key.of(name, p), frame.slice(starts.get(p), to)));
        }
        Optional<List<Comparable<?>>> divisions = Optional.empty();
        if (frame.isSorted() && rows > 0) {
            List<Comparable<?>> d = new ArrayList<>();
            for (int s : starts) {
                d.add((Comparable<?>) frame.index().get(s));
            }
            d.add((Comparable<?>) frame.index().get(rows - 1));
            divisions = Optional.of(List.copyOf(d));
        }
        return new DataFrame(new Parts(name, frame.head(0), np, divisions, Graph.of(nodes, List.of())));
    }

    static DataFrame fromFrames(List<Frame> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("fromFrames needs at least one frame");
        }
        Frame.concat(frames.stream().map(f -> f.head(0)).toList());
        String name = "from-frames-" + Tokens.token(frames.stream().map(f -> FrameToken.of(f, 0)).toList());
        List<Node> nodes = new ArrayList<>();
        boolean known = true;
        List<Comparable<?>> d = new ArrayList<>();
        for (int p = 0; p < frames.size(); p++) {
            Frame f = frames.get(p);
            nodes.add(new Literal(Key.of(name, p), f));
            known &= f.isSorted() && f.numRows() > 0;
            if (known && p > 0) {
                known = compareAcross(frames.get(p - 1), f) < 0;
            }
            if (known) {
                d.add((Comparable<?>) f.index().get(0));
            }
        }
        Optional<List<Comparable<?>>> divisions = Optional.empty();
        if (known) {
            Frame last = frames.get(frames.size() - 1);
            d.add((Comparable<?>) last.index().get(last.numRows() - 1));
            divisions = Optional.of(List.copyOf(d));
        }
        return new DataFrame(new Parts(name, frames.get(0).head(0), frames.size(), divisions, Graph.of(nodes, List.of())));
    }

    static DataFrame fromDelayed(List<Delayed<Frame>> parts, Frame meta) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("fromDelayed needs at least one delayed frame");
        }
        String name = "from-delayed-" + Tokens.token(parts.stream().map(Delayed::key).toList(), FrameToken.of(meta.head(0), 0));
        PartitionOps.CheckMeta check = new PartitionOps.CheckMeta(meta.columnNames(), PartitionOps.dtypes(meta));
        List<Node> nodes = new ArrayList<>();
        List<Graph> deps = new ArrayList<>();
        java.util.Set<Graph> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int p = 0; p < parts.size(); p++) {
            Delayed<Frame> d = parts.get(p);
            nodes.add(new Task(Key.of(name, p), check, Arg.ref(d.key()), Arg.value(p)));
            if (seen.add(d.graph())) {
                deps.add(d.graph());
            }
        }
        return new DataFrame(new Parts(name, meta, parts.size(), Optional.empty(), Graph.of(nodes, deps)));
    }

    /** Compares the last index value of {@code a} with the first of {@code b}. */
    static int compareAcross(Frame a, Frame b) {
        Column both = Columns.concat(List.of(a.index().slice(a.numRows() - 1, a.numRows()), b.index().slice(0, 1)));
        return both.compareRows(0, 1);
    }
}
