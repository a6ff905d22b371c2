package io.jdask.dataframe;

import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Changes the partitioning of a DataFrame without a full shuffle: combining neighbouring
 * partitions, splitting partitions, or moving rows between neighbours to new divisions.
 */
final class Repartition {
    private Repartition() {}

    /**
     * @return {@code n} partitions: fewer by concatenating neighbours (divisions kept), more by
     *     splitting each partition (by interpolated divisions when they are known and numeric,
     *     timestamps or dates; otherwise by rows, and the divisions become unknown)
     */
    static Parts toCount(Parts in, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("repartition needs at least one partition, not " + n);
        }
        int np = in.npartitions();
        if (n == np) {
            return in;
        }
        String name = "repartition-" + Tokens.token(in.name(), n);
        List<Node> nodes = new ArrayList<>();
        if (n < np) {
            List<Comparable<?>> d = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                int from = (int) ((long) g * np / n);
                int to = (int) ((long) (g + 1) * np / n);
                List<Key> keys = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    keys.add(in.key(i));
                }
                nodes.add(new Task(Key.of(name, g), new Shuffles.ConcatPieces(), Arg.refs(keys)));
                in.divisions().ifPresent(x -> d.add(x.get(from)));
            }
            Optional<List<Comparable<?>>> divs = in.divisions().map(x -> {
                d.add(x.get(np));
                return List.copyOf(d);
            });
            return new Parts(name, in.meta(), n, divs, Graph.of(nodes, List.of(in.graph())));
        }
        if (in.divisions().isPresent() && interpolable(in.divisions().get())) {
            List<Comparable<?>> old = in.divisions().get();
            List<Comparable<?>> d = new ArrayList<>();
            for (int i = 0; i < np; i++) {
                int k = (int) ((long) (i + 1) * n / np - (long) i * n / np);
                for (Comparable<?> v : interpolate(old.get(i), old.get(i + 1), k)) {
                    if (d.isEmpty() || compare(d.get(d.size() - 1), v) < 0) {
                        d.add(v);
                    }
                }
            }
            if (compare(d.get(d.size() - 1), old.get(np)) < 0) {
                d.add(old.get(np));
            }
            if (d.size() < 2) {
                d.add(d.get(0));
            }
            return toDivisions(in, d);
        }
        for (int i = 0, out = 0; i < np; i++) {
            int k = (int) ((long) (i + 1) * n / np - (long) i * n / np);
            Key split = Key.of(name + "-split", i);
            nodes.add(new Task(split, new SplitRows(k), Arg.ref(in.key(i))));
            for (int r = 0; r < k; r++) {
                nodes.add(new Task(Key.of(name, out++), new GroupBy.Pick(r), Arg.ref(split)));
            }
        }
        return new Parts(name, in.meta(), n, Optional.empty(), Graph.of(nodes, List.of(in.graph())));
    }

    /** Splits a partition into {@code k} pieces of near-equal row counts. */
    record SplitRows(int k) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Frame f = (Frame) args[0];
            List<Frame> out = new ArrayList<>(k);
            for (int r = 0; r < k; r++) {
                out.add(f.slice((int) ((long) f.numRows() * r / k), (int) ((long) f.numRows() * (r + 1) / k)));
            }
            return out;
        }
    }

    /** Splits a partition by index ranges (divisions in the first column of the second argument). */
    record SplitIndex() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return Arrays.asList(Partitioning.splitIndexByDivisions((Frame) args[0], ((Frame) args[1]).column(0)));
        }
    }

    /**
     * Moves rows to new divisions: every input partition is split at the new divisions it overlaps,
     * and each output partition concatenates, in order, the pieces of the inputs that overlap it.
     *
     * @param in partitions with known divisions
     * @param divisions the new divisions, non-decreasing, of the index's type
     * @return the partitions with those divisions
     */
    static Parts toDivisions(Parts in, List<Comparable<?>> divisions) {
        List<Comparable<?>> old = in.divisions().orElseThrow(() -> new IllegalArgumentException(
                "repartitioning to divisions needs known divisions; use setIndex first"));
        if (divisions.size() < 2) {
            throw new IllegalArgumentException("divisions need at least 2 values, got " + divisions);
        }
        for (int i = 1; i < divisions.size(); i++) {
            if (compare(divisions.get(i - 1), divisions.get(i)) > 0) {
                throw new IllegalArgumentException("divisions must be non-decreasing: " + divisions.get(i - 1) + " comes before "
                        + divisions.get(i));
            }
        }
        if (divisions.equals(old)) {
            return in;
        }
        Column idx = in.meta().index();
        Frame aux = Frame.builder().column("divisions", Reductions.ofObjects(idx.dtype(), new ArrayList<>(divisions), idx)).build();
        String name = "repartition-divisions-" + Tokens.token(in.name(), FrameToken.of(aux, 0));
        int m = divisions.size() - 1;
        List<Node> nodes = new ArrayList<>();
        Key auxKey = Key.of(name + "-divisions");
        nodes.add(new Literal(auxKey, aux));
        int np = in.npartitions();
        for (int i = 0; i < np; i++) {
            nodes.add(new Task(Key.of(name + "-split", i), new SplitIndex(), Arg.ref(in.key(i)), Arg.ref(auxKey)));
        }
        for (int j = 0; j < m; j++) {
            List<Key> pieces = new ArrayList<>();
            for (int i = 0; i < np; i++) {
                // input i holds keys in [old_i, old_(i+1)], output j receives keys in [d_j, d_(j+1)] (and, at the
                // ends, everything beyond); both are taken inclusive so that no contributing piece is missed
                // missing index values (setIndex puts them at the end of the last partition) go to the last output
                boolean overlaps = (j == m - 1 || compare(old.get(i), divisions.get(j + 1)) <= 0)
                        && (j == 0 || compare(divisions.get(j), old.get(i + 1)) <= 0)
                        || (i == np - 1 && j == m - 1);
                if (overlaps) {
                    Key pick = Key.of(name + "-pick", i, j);
                    nodes.add(new Task(pick, new GroupBy.Pick(j), Arg.ref(Key.of(name + "-split", i))));
                    pieces.add(pick);
                }
            }
            if (pieces.isEmpty()) {
                nodes.add(new Literal(Key.of(name, j), in.meta()));
            } else {
                nodes.add(new Task(Key.of(name, j), new Shuffles.ConcatPieces(), Arg.refs(pieces)));
            }
        }
        return new Parts(name, in.meta(), m, Optional.of(List.copyOf(divisions)), Graph.of(nodes, List.of(in.graph())));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Comparable<?> a, Comparable<?> b) {
        return ((Comparable) a).compareTo(b);
    }

    private static boolean interpolable(List<Comparable<?>> d) {
        Class<?> c = d.get(0).getClass();
        return d.stream().allMatch(v -> v.getClass() == c) && (c == Long.class || c == Integer.class || c == Double.class
                || c == Float.class || c == Instant.class || c == LocalDate.class);
    }

    /** @return {@code k} values from {@code a} (included) towards {@code b} (excluded), evenly spaced */
    private static List<Comparable<?>> interpolate(Comparable<?> a, Comparable<?> b, int k) {
        List<Comparable<?>> out = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            double f = (double) r / k;
            out.add(switch (a) {
                case Long x -> x + (long) Math.floor(((double) (Long) b - x) * f);
                case Integer x -> x + (int) Math.floor(((double) (Integer) b - x) * f);
                case Double x -> x + ((Double) b - x) * f;
                case Float x -> (float) (x + ((Float) b - x) * f);
                case Instant x -> {
                    long na = x.getEpochSecond() * 1_000_000_000L + x.getNano();
                    Instant y = (Instant) b;
                    long nb = y.getEpochSecond() * 1_000_000_000L + y.getNano();
                    long t = na + (long) Math.floor(((double) nb - na) * f);
                    yield Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
                }
                case LocalDate x -> x.plusDays((long) Math.floor((double) (((LocalDate) b).toEpochDay() - x.toEpochDay()) * f));
                default -> throw new IllegalStateException("cannot interpolate " + a.getClass());
            });
        }
        return out;
    }
}
