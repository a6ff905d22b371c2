package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdask.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LazyMergeTest {
    @TempDir
    Path dir;

    /** A plan forced through the broadcast threshold: 0 never broadcasts, 1000 broadcasts whenever the join type allows. */
    private static final int[] THRESHOLDS = {0, 1, 1000};

    private static Frame side(Random r, int n, DType keyType, String payload, long offset) {
        return Frame.builder()
                .column("k", RandomKeys.of(keyType, n, r, 1 + r.nextInt(8)))
                .column("a", RandomKeys.rowNumbers(n, offset, r))
                .column(payload, RandomColumns.of(payload.equals("s") ? DType.STRING : DType.F64, n, r))
                .build();
    }

    private static DataFrame merged(DataFrame l, DataFrame r, MergeSpec spec, int threshold) {
        try (Config.Scope s = Config.set(LazyMerge.BROADCAST, threshold)) {
            return l.merge(r, spec);
        }
    }

    /** Our frame's rows sorted by every column (missing last), as pandas sorts its result in the script. */
    private static Frame sortedByAll(Frame f) {
        boolean[] asc = new boolean[f.numColumns()];
        java.util.Arrays.fill(asc, true);
        return Sorting.sort(f, f.columnNames(), asc, true);
    }

    /** The frame with its index as a first column named {@code key} (pandas' reset_index). */
    private static Frame indexAsColumn(Frame f) {
        Frame.Builder b = Frame.builder().column("key", f.index());
        for (String c : f.columnNames()) {
            b.column(c, f.column(c));
        }
        return b.build();
    }

    private record Case(String name, Frame left, Frame right, String pandasCall, Frame ours) {}

    /** Runs every case's pandas call and compares its rows, sorted by every column, with ours. */
    private void checkAgainstPandas(List<Case> cases) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            PandasFrames.write(k.left, dir.resolve("l" + c + ".csv"));
            PandasFrames.write(k.right, dir.resolve("r" + c + ".csv"));
            script.append("l = load('l").append(c).append(".csv'); r = load('r").append(c).append(".csv')\n")
                    .append("m = ").append(k.pandasCall).append("\n")
                    .append("m = m.sort_values(list(m.columns), kind='stable', na_position='last')\n")
                    .append("save(m, 'o").append(c).append(".csv')\n");
        }
        PandasFrames.run(dir, script.toString());
        for (int c = 0; c < cases.size(); c++) {
            PandasFrames.assertMatches(sortedByAll(cases.get(c).ours), dir.resolve("o" + c + ".csv"), 0, cases.get(c).name);
        }
    }

    @Test
    void columnJoinsMatchPandasWithEveryPlanAndPartitioning() throws Exception {
        List<Case> cases = new ArrayList<>();
        Random r = new Random(11);
        for (DType t : List.of(DType.I64, DType.STRING, DType.F64, DType.CATEGORY)) {
            for (JoinType how : JoinType.values()) {
                for (int threshold : THRESHOLDS) {
                    Frame l = side(r, r.nextInt(80), t, "s", 0);
                    Frame rt = side(r, r.nextInt(80), t, "x", 1000);
                    DataFrame ld = FrameRows.randomParts(l, r, 6);
                    DataFrame rd = FrameRows.randomParts(rt, r, 6);
                    DataFrame m = merged(ld, rd, MergeSpec.on(how, "k"), threshold);
                    String call = "pd.merge(l, r, on='k', how='" + how.name().toLowerCase() + "')";
                    cases.add(new Case(t + " " + how + " threshold " + threshold + " (" + ld.npartitions() + "x" + rd.npartitions()
                            + " partitions, " + m.parts().name() + ")", l, rt, call, m.compute()));
                }
            }
        }
        for (JoinType how : JoinType.values()) {
            Frame l = side(r, 60, DType.STRING, "s", 0).withColumn("k2", RandomKeys.of(DType.I32, 60, r, 3));
            Frame rt = side(r, 50, DType.STRING, "x", 1000).withColumn("k2", RandomKeys.of(DType.I32, 50, r, 3))
                    .rename(java.util.Map.of("k", "rk"));
            MergeSpec spec = MergeSpec.on(how, List.of("k", "k2"), List.of("rk", "k2")).withSuffixes("_l", "_r");
            DataFrame m = merged(FrameRows.randomParts(l, r, 5), FrameRows.randomParts(rt, r, 5), spec, 0);
            cases.add(new Case("two keys, left_on/right_on " + how, l, rt, "pd.merge(l, r, left_on=['k', 'k2'], right_on=['rk', 'k2'], how='"
                    + how.name().toLowerCase() + "', suffixes=('_l', '_r'))", m.compute()));
        }
        checkAgainstPandas(cases);
    }

    /** Index joins: aligned (both sides with known divisions), broadcast, and hash (unknown divisions) all match pandas. */
    @Test
    void indexJoinsMatchPandasAlignedBroadcastAndHashed() throws Exception {
        List<Case> cases = new ArrayList<>();
        Random r = new Random(5);
        for (JoinType how : JoinType.values()) {
            for (int rep = 0; rep < 4; rep++) {
                Frame l = sortedIndex(side(r, 30 + r.nextInt(60), DType.I64, "s", 0));
                Frame rt = sortedIndex(side(r, 30 + r.nextInt(60), DType.I64, "x", 1000)).drop("a");
                // rep 0: both sides with known divisions; 1: the left only; 2: the right only; 3: neither (most likely)
                DataFrame ld = rep < 2 ? DataFrame.fromFrame(l, 1 + r.nextInt(5)) : FrameRows.randomParts(l, r, 5);
                DataFrame rd = rep % 2 == 0 && rep < 3 ? DataFrame.fromFrame(rt, 1 + r.nextInt(5)) : FrameRows.randomParts(rt, r, 5);
                for (int threshold : THRESHOLDS) {
                    DataFrame m = merged(ld, rd, MergeSpec.onIndex(how), threshold);
                    boolean bothKnown = ld.knownDivisions() && rd.knownDivisions() && ld.npartitions() + rd.npartitions() > 2;
                    boolean oneKnown = (ld.knownDivisions() || rd.knownDivisions()) && ld.npartitions() > 1 && rd.npartitions() > 1;
                    if (bothKnown || oneKnown) {
                        assertThat(m.parts().name()).startsWith("merge-aligned-");
                    }
                    if (bothKnown) {
                        assertThat(m.knownDivisions()).isTrue();
                    }
                    if (m.knownDivisions()) {
                        checkDivisions(m);
                    }
                    String call = "pd.merge(l, r, left_index=True, right_index=True, how='" + how.name().toLowerCase() + "').reset_index()";
                    cases.add(new Case("index " + how + " rep " + rep + " threshold " + threshold + " (" + m.parts().name() + ")",
                            l, rt, call, indexAsColumn(m.compute())));
                }
            }
        }
        checkAgainstPandas(cases);
    }

    /** A frame indexed by a sorted copy of its key, with duplicates and no missing values, named {@code key}. */
    private static Frame sortedIndex(Frame f) {
        Column k = f.column("k").astype(DType.F64).astype(DType.I64);
        long[] v = new long[k.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = k.isNull(i) ? 0 : k.getLong(i) / 1_000_000_000L;
        }
        Frame g = f.drop("k").withIndex("key", Column.ofLongs(v));
        return Sorting.sortByIndex(g, true, true);
    }

    /** Every partition's index is sorted and inside its divisions. */
    static void checkDivisions(DataFrame df) {
        List<Comparable<?>> d = df.divisions().orElseThrow();
        List<Frame> parts = df.parts().computePartitions(0, df.npartitions());
        for (int i = 0; i < parts.size(); i++) {
            Frame p = parts.get(i);
            for (int row = 0; row < p.numRows(); row++) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Comparable v = (Comparable) p.index().get(row);
                if (v == null) {
                    assertThat(i).as("a missing index value is in the last partition").isEqualTo(parts.size() - 1);
                    continue;
                }
                @SuppressWarnings("unchecked")
                int lo = v.compareTo(d.get(i));
                @SuppressWarnings("unchecked")
                int hi = v.compareTo(d.get(i + 1));
                assertThat(lo).as("partition %d row %d (%s) >= %s", i, row, v, d.get(i)).isGreaterThanOrEqualTo(0);
                if (i + 1 < parts.size()) {
                    assertThat(hi).as("partition %d row %d (%s) < %s", i, row, v, d.get(i + 1)).isLessThan(0);
                } else {
                    assertThat(hi).as("last partition row %d (%s) <= %s", row, v, d.get(i + 1)).isLessThanOrEqualTo(0);
                }
                if (row > 0 && p.index().get(row - 1) != null) {
                    @SuppressWarnings("unchecked")
                    int order = ((Comparable) p.index().get(row - 1)).compareTo(v);
                    assertThat(order).as("partition %d sorted at row %d", i, row).isLessThanOrEqualTo(0);
                }
            }
        }
    }

    /** The plan follows the join type: only a side whose rows may be dropped... or kept whole can be broadcast. */
    @Test
    void broadcastRespectsJoinTypes() {
        Random r = new Random(3);
        DataFrame big = DataFrame.fromFrame(side(r, 100, DType.I64, "s", 0), 6);
        DataFrame small = DataFrame.fromFrame(side(r, 20, DType.I64, "x", 1000), 1);
        assertThat(big.merge(small, JoinType.INNER, "k").parts().name()).startsWith("merge-broadcast-");
        assertThat(big.merge(small, JoinType.LEFT, "k").parts().name()).startsWith("merge-broadcast-");
        assertThat(big.merge(small, JoinType.RIGHT, "k").parts().name()).startsWith("merge-hash-");
        assertThat(big.merge(small, JoinType.OUTER, "k").parts().name()).startsWith("merge-hash-");
        assertThat(small.merge(big, JoinType.RIGHT, "k").parts().name()).startsWith("merge-broadcast-");
        assertThat(small.merge(big, JoinType.LEFT, "k").parts().name()).startsWith("merge-hash-");
        assertThat(small.merge(big, JoinType.INNER, "k").npartitions()).isEqualTo(6);
        assertThat(small.merge(small, JoinType.OUTER, "k").npartitions()).isEqualTo(1);
    }

    /** Many partitions on skewed keys: the lazy join equals the kernel's join of the whole frames, and the graph stays bounded. */
    @Test
    void manyPartitionsWithSkewedKeysEqualTheWholeJoin() {
        Random r = new Random(9);
        Frame l = side(r, 3000, DType.I32, "s", 0);
        Frame rt = side(r, 2000, DType.I64, "x", 100_000);
        for (JoinType how : JoinType.values()) {
            DataFrame m;
            try (Config.Scope s = Config.set(Shuffles.MAX_BRANCH, 4)) {
                m = merged(DataFrame.fromFrame(l, 40), FrameRows.randomParts(rt, r, 30), MergeSpec.on(how, "k"), 0);
            }
            assertThat(m.npartitions()).isEqualTo(40);
            assertThat(FrameRows.sorted(m.compute())).as(how.name()).isEqualTo(FrameRows.sorted(Joins.merge(l, rt, MergeSpec.on(how, "k"))));
            assertThat(m.parts().taskCount()).isLessThan(40 * 40 + 40 * 4);
        }
    }

    /** setIndex on both sides (skewed keys, missing keys last) then an aligned join: the rows of the whole index join. */
    @Test
    void joinAfterSetIndexIsAlignedAndEqualsTheWholeJoin() {
        Random r = new Random(21);
        for (JoinType how : JoinType.values()) {
            Frame l = side(r, 400, DType.I64, "s", 0);
            Frame rt = side(r, 300, DType.I64, "x", 1000).drop("a");
            DataFrame a = FrameRows.randomParts(l, r, 6).setIndex("k");
            DataFrame b = FrameRows.randomParts(rt, r, 6).setIndex("k", 3);
            DataFrame m = a.join(b, how);
            Frame expected = Joins.merge(l.withIndex("k", l.column("k")).drop("k"), rt.withIndex("k", rt.column("k")).drop("k"),
                    MergeSpec.onIndex(how));
            if (a.npartitions() + b.npartitions() > 2) {
                assertThat(m.parts().name()).startsWith("merge-aligned-");
            }
            assertThat(FrameRows.sorted(m.compute())).as(how.name()).isEqualTo(FrameRows.sorted(expected));
        }
    }

    @Test
    void badKeysFailWhenBuilt() {
        Random r = new Random(1);
        DataFrame a = DataFrame.fromFrame(side(r, 10, DType.I64, "s", 0), 2);
        DataFrame b = DataFrame.fromFrame(side(r, 10, DType.STRING, "x", 0), 2);
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.merge(b, JoinType.INNER, "k")).getMessage()).contains("'k'");
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.merge(b, JoinType.INNER, "nope")).getMessage()).contains("nope");
    }
}
