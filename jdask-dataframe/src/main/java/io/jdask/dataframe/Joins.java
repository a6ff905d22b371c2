package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Joins two {@link Frame}s on key columns or on their indexes, the way pandas 1.5's {@code merge}
 * does, with a hash join over primitive arrays (the hash table is built on the smaller side).
 *
 * <p><b>Keys.</b> Equal values match whatever their storage: strings by text across different
 * dictionaries, {@code i32} with {@code i64}, integers with floats by value, {@code -0.0} with
 * {@code 0.0}. Missing keys (NaN included) match each other, as in pandas' merge (unlike SQL).
 * Other type pairs (a string with a number, a date with a timestamp) are an error naming the key.
 * Duplicate keys give every pair of matching rows.
 *
 * <p><b>Row order</b> (pandas 1.5 with {@code sort=False}):
 * <ul>
 *   <li>{@code LEFT}: the left rows in order, each followed by its matches in right order (one row
 *       with missing right values when there is none);</li>
 *   <li>{@code RIGHT}: the right rows in order, each with its matches in left order;</li>
 *   <li>{@code INNER} and {@code OUTER}: rows grouped by key, keys in order of first appearance in
 *       the left frame and then (outer only) in the right; within a key, the left rows in order,
 *       each paired with the right rows in order; unmatched rows of an outer join stand alone.</li>
 * </ul>
 * Index joins follow the same rules. (pandas 1.5 sorts the result of an index join in many cases,
 * e.g. whenever an index has duplicates, even for a left join; we do not.)
 *
 * <p><b>Columns.</b> The left columns in order, then the right columns; a key joined to a key of
 * the same name appears once, at its left position, holding the left value or, where the left
 * row is absent, the right one (in the common type: {@code i64} for {@code i32}/{@code i64},
 * {@code f64} for integers with floats, {@code string} for strings with categories; see
 * {@link Concat#union}). Other columns
 * that both sides have get the suffixes (pandas' {@code _x}/{@code _y} by default). Column joins
 * give a frame without index; index joins give the joined index (coalesced like a key) and keep
 * every column.
 *
 * <p><b>Types.</b> Columns keep their types: an integer or boolean column that gains missing
 * values (a left, right or outer join) stays integer or boolean with a validity mask, where pandas
 * would turn it into {@code float64}/{@code object}.
 */
public final class Joins {
    private Joins() {}

    /**
     * @param left the left frame
     * @param right the right frame
     * @param spec the join type, keys and suffixes
     * @return the joined frame
     * @throws IllegalArgumentException when a key is missing, key types cannot be compared, or the
     *     result would have too many rows or duplicate column names
     */
    public static Frame merge(Frame left, Frame right, MergeSpec spec) {
        List<Column> lk;
        List<Column> rk;
        List<String> ln;
        List<String> rn;
        if (spec.onIndex()) {
            lk = List.of(Partitioning.requireIndex(left));
            rk = List.of(Partitioning.requireIndex(right));
            ln = List.of("the left index");
            rn = List.of("the right index");
        } else {
            lk = Partitioning.keyColumns(left, spec.leftOn());
            rk = Partitioning.keyColumns(right, spec.rightOn());
            ln = spec.leftOn();
            rn = spec.rightOn();
        }
        int[][] pairs = match(new JoinKeys(lk, rk, ln, rn), left.numRows(), right.numRows(), spec.how());
        return assemble(left, right, spec, pairs[0], pairs[1]);
    }

    /** @return the left and right row of each result row, in result order; -1 for an absent side */
    static int[][] match(JoinKeys keys, int nl, int nr, JoinType how) {
        boolean buildLeft = nl <= nr;
        int bs = buildLeft ? 0 : 1;
        int nb = buildLeft ? nl : nr;
        int np = buildLeft ? nr : nl;
        GroupTable table = new GroupTable(keys, nb);
        int[] idB = new int[nb];
        for (int i = 0; i < nb; i++) {
            idB[i] = table.findOrInsert(bs, i);
        }
        int[] idP = new int[np];
        for (int i = 0; i < np; i++) {
            idP[i] = how == JoinType.OUTER ? table.findOrInsert(1 - bs, i) : table.find(1 - bs, i);
        }
        int groups = table.size();
        int[] lid = buildLeft ? idB : idP;
        int[] rid = buildLeft ? idP : idB;
        int[] lStart = new int[groups + 1];
        int[] lRows = byGroup(lid, groups, lStart);
        int[] rStart = new int[groups + 1];
        int[] rRows = byGroup(rid, groups, rStart);
        return switch (how) {
            case LEFT -> oneSided(lid, rStart, rRows, false);
            case RIGHT -> oneSided(rid, lStart, lRows, true);
            case INNER, OUTER -> grouped(lid, rid, groups, lStart, lRows, rStart, rRows, how == JoinType.OUTER);
        };
    }

    /** A stable counting sort of row numbers by group; {@code start} receives the offsets (groups + 1). */
    private static int[] byGroup(int[] ids, int groups, int[] start) {
        for (int g : ids) {
            if (g >= 0) {
                start[g + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        int[] rows = new int[start[groups]];
        int[] fill = java.util.Arrays.copyOf(start, groups);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= 0) {
                rows[fill[ids[i]]++] = i;
            }
        }
        return rows;
    }

    /** Every row of the kept side in order, each with its matches on the other side (in their order). */
    private static int[][] oneSided(int[] keptIds, int[] otherStart, int[] otherRows, boolean keptIsRight) {
        long total = 0;
        for (int g : keptIds) {
            total += g < 0 ? 1 : Math.max(1, otherStart[g + 1] - otherStart[g]);
        }
        int n = checkedSize(total);
        int[] kept = new int[n];
        int[] other = new int[n];
        int k = 0;
        for (int i = 0; i < keptIds.length; i++) {
            int g = keptIds[i];
            int from = g < 0 ? 0 : otherStart[g];
            int to = g < 0 ? 0 : otherStart[g + 1];
            if (from == to) {
                kept[k] = i;
                other[k++] = -1;
            }
            for (int j = from; j < to; j++) {
                kept[k] = i;
                other[k++] = otherRows[j];
            }
        }
        return keptIsRight ? new int[][] {other, kept} : new int[][] {kept, other};
    }

    private static int[][] grouped(int[] lid, int[] rid, int groups, int[] lStart, int[] lRows, int[] rStart, int[] rRows,
                                   boolean outer) {
        int[] order = new int[groups];
        boolean[] seen = new boolean[groups];
        int ng = 0;
        for (int[] ids : new int[][] {lid, rid}) {
            for (int g : ids) {
                if (g >= 0 && !seen[g]) {
                    seen[g] = true;
                    order[ng++] = g;
                }
            }
        }
        long total = 0;
        for (int k = 0; k < ng; k++) {
            int g = order[k];
            long a = lStart[g + 1] - lStart[g];
            long b = rStart[g + 1] - rStart[g];
            total += a > 0 && b > 0 ? a * b : outer ? a + b : 0;
        }
        int n = checkedSize(total);
        int[] li = new int[n];
        int[] ri = new int[n];
        int k = 0;
        for (int o = 0; o < ng; o++) {
            int g = order[o];
            int a0 = lStart[g];
            int a1 = lStart[g + 1];
            int b0 = rStart[g];
            int b1 = rStart[g + 1];
            if (a1 > a0 && b1 > b0) {
                for (int a = a0; a < a1; a++) {
                    for (int b = b0; b < b1; b++) {
                        li[k] = lRows[a];
                        ri[k++] = rRows[b];
                    }
                }
            } else if (outer) {
                for (int a = a0; a < a1; a++) {
                    li[k] = lRows[a];
                    ri[k++] = -1;
                }
                for (int b = b0; b < b1; b++) {
                    li[k] = -1;
                    ri[k++] = rRows[b];
                }
            }
        }
        return new int[][] {li, ri};
    }

    private static int checkedSize(long total) {
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the join would produce " + total + " rows, more than one frame can hold");
        }
        return (int) total;
    }

    private static Frame assemble(Frame left, Frame right, MergeSpec spec, int[] li, int[] ri) {
        List<String> lOn = spec.leftOn();
        List<String> rOn = spec.rightOn();
        Set<String> sharedKeys = new HashSet<>();
        for (int i = 0; i < lOn.size(); i++) {
            if (lOn.get(i).equals(rOn.get(i))) {
                sharedKeys.add(lOn.get(i));
            }
        }
        Set<String> rightNames = new HashSet<>(right.columnNames());
        Set<String> overlap = new HashSet<>();
        for (String n : left.columnNames()) {
            if (rightNames.contains(n) && !sharedKeys.contains(n)) {
                overlap.add(n);
            }
        }
        Frame.Builder b = Frame.builder();
        for (String n : left.columnNames()) {
            if (sharedKeys.contains(n)) {
                b.column(n, coalesce(left.column(n), right.column(n), li, ri, "'" + n + "'"));
            } else {
                b.column(overlap.contains(n) ? n + spec.leftSuffix() : n, Gather.take(left.column(n), li));
            }
        }
        for (String n : right.columnNames()) {
            if (!sharedKeys.contains(n)) {
                b.column(overlap.contains(n) ? n + spec.rightSuffix() : n, Gather.take(right.column(n), ri));
            }
        }
        if (spec.onIndex()) {
            String name = left.indexName() != null ? left.indexName() : right.indexName();
            b.index(name, coalesce(left.index(), right.index(), li, ri, "the index"));
        }
        return b.build();
    }

    /** @return the left value of each result row, or the right one where the left row is absent */
    static Column coalesce(Column l, Column r, int[] li, int[] ri, String what) {
        DType t = commonType(l, r, what);
        Column a = l.astype(t);
        Column c = r.astype(t);
        boolean leftAll = true;
        boolean rightAll = true;
        for (int k = 0; k < li.length; k++) {
            leftAll &= li[k] >= 0;
            rightAll &= ri[k] >= 0;
        }
        if (leftAll) {
            return a.take(li);
        }
        if (rightAll) {
            return c.take(ri);
        }
        int nl = a.length();
        int[] idx = new int[li.length];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = li[k] >= 0 ? li[k] : nl + ri[k];
        }
        return Columns.concat(List.of(a, c)).take(idx);
    }

    /** @return the type both key columns are cast to when they are merged into one */
    static DType commonType(Column l, Column r, String what) {
        DType t = CommonType.of(List.of(l, r));
        if (t == null) {
            throw new IllegalArgumentException(what + " is " + l.dtype().label() + " on the left and " + r.dtype().label() + " on the right");
        }
        return t;
    }
}
