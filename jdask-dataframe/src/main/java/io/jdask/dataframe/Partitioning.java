package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a {@link Frame} into parts for a shuffle: by a hash of key columns (joins, groupby with
 * many groups) or by ranges of a key between known divisions (setIndex, repartition). Every part
 * keeps the frame's columns and index, and its rows in their original order.
 */
public final class Partitioning {
    private Partitioning() {}

    /**
     * Hashes rows by the values of key columns. Equal keys hash equally in any frame and any JVM:
     * strings by their text (whatever the dictionary), integers of any width and integral floats
     * by their value, {@code -0.0} as {@code 0.0}, and every missing value (NaN included) alike.
     *
     * @param frame the frame
     * @param keys the key column names, at least one
     * @return one hash per row
     * @throws IllegalArgumentException when a key is not a column (the message lists the columns)
     */
    public static long[] hash(Frame frame, List<String> keys) {
        return RowHash.hash(keyColumns(frame, keys), frame.numRows());
    }

    /** @return the hash of each row's index value, as {@link #hash} hashes a column */
    public static long[] hashIndex(Frame frame) {
        return RowHash.hash(List.of(requireIndex(frame)), frame.numRows());
    }

    /**
     * Splits rows by a hash of the key columns: rows with equal keys land in the same part, whatever
     * frame (and string dictionary) they come from.
     *
     * @param frame the frame
     * @param keys the key column names, at least one
     * @param nparts the number of parts, at least 1
     * @return {@code nparts} frames (some possibly empty), each with the rows in their original order
     */
    public static Frame[] split(Frame frame, List<String> keys, int nparts) {
        return splitByHash(frame, hash(frame, keys), nparts);
    }

    /** Like {@link #split}, by the index's values. */
    public static Frame[] splitOnIndex(Frame frame, int nparts) {
        return splitByHash(frame, hashIndex(frame), nparts);
    }

    private static Frame[] splitByHash(Frame frame, long[] h, int nparts) {
        if (nparts < 1) {
            throw new IllegalArgumentException("nparts must be >= 1, got " + nparts);
        }
        int[] part = new int[h.length];
        for (int i = 0; i < h.length; i++) {
            part[i] = RowHash.part(h[i], nparts);
        }
        return take(frame, part, nparts);
    }

    /**
     * Splits rows into ranges of a key column: with divisions {@code d_0 <= ... <= d_n}, part
     * {@code i} receives the rows whose key is in {@code [d_i, d_(i+1))}, the last part
     * {@code [d_(n-1), d_n]}. Keys below {@code d_0} go to the first part, keys above {@code d_n}
     * and missing keys to the last. The frame need not be sorted.
     *
     * @param frame the frame
     * @param key the key column
     * @param divisions at least two non-decreasing, non-missing values of the key's type (integer and
     *     floating types may be mixed; STRING and CATEGORY compare by text, or by category order when
     *     both are categories with the same categories)
     * @return {@code divisions.length() - 1} frames
     */
    public static Frame[] splitByDivisions(Frame frame, String key, Column divisions) {
        return take(frame, rangeParts(frame.column(key), divisions, "'" + key + "'"), divisions.length() - 1);
    }

    /** Like {@link #splitByDivisions}, by the index. */
    public static Frame[] splitIndexByDivisions(Frame frame, Column divisions) {
        return take(frame, rangeParts(requireIndex(frame), divisions, "the index"), divisions.length() - 1);
    }

    /** @return for each row, the part of {@code divisions} its key falls in (see {@link #splitByDivisions}) */
    static int[] rangeParts(Column keys, Column divisions, String what) {
        int nd = divisions.length();
        if (nd < 2) {
            throw new IllegalArgumentException("divisions need at least 2 values, got " + nd);
        }
        for (int i = 0; i < nd; i++) {
            if (divisions.isNull(i)) {
                throw new IllegalArgumentException("division " + i + " is missing");
            }
            if (i > 0 && divisions.compareRows(i - 1, i) > 0) {
                throw new IllegalArgumentException("divisions must be non-decreasing: division " + (i - 1) + " ("
                        + divisions.get(i - 1) + ") > division " + i + " (" + divisions.get(i) + ")");
            }
        }
        int n = keys.length();
        int last = nd - 2;
        int[] part = new int[n];
        DType kt = keys.dtype();
        DType dt = divisions.dtype();
        if (kt.isDictionary() && dt.isDictionary()) {
            boolean byCode = kt == DType.CATEGORY && dt == DType.CATEGORY && keys.dictionary().equals(divisions.dictionary());
            String[] dict = keys.dictionaryRef();
            int[] entryPart = new int[dict.length];
            for (int k = 0; k < dict.length; k++) {
                int lo = 1;
                int hi = nd - 1; // count interior divisions <= the value
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    int c = byCode ? Integer.compare(divisions.getCode(mid), k) : divisions.getString(mid).compareTo(dict[k]);
                    if (c <= 0) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                entryPart[k] = lo - 1;
            }
            int[] codes = (int[]) keys.data();
            for (int i = 0; i < n; i++) {
                part[i] = keys.isNull(i) ? last : entryPart[codes[i]];
            }
            return part;
        }
        boolean numeric = (kt.isNumeric() || kt == DType.BOOL) && (dt.isNumeric() || dt == DType.BOOL);
        if (kt != dt && !numeric) {
            throw new IllegalArgumentException("cannot split " + what + " (" + kt.label() + ") by " + dt.label() + " divisions");
        }
        boolean asDouble = kt != dt && (kt.isFloating() || dt.isFloating());
        OrderKeys k = OrderKeys.of(asDouble ? keys.astype(DType.F64) : kt != dt ? keys.astype(DType.I64) : keys);
        OrderKeys d = OrderKeys.of(asDouble ? divisions.astype(DType.F64) : kt != dt ? divisions.astype(DType.I64) : divisions);
        long[] dv = Arrays.copyOfRange(d.values, 1, nd - 1);
        for (int i = 0; i < n; i++) {
            if (k.isMissing(i)) {
                part[i] = last;
            } else {
                part[i] = upperBound(dv, k.values[i]);
            }
        }
        return part;
    }

    private static int upperBound(long[] a, long v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @return the rows of each part, in order, as frames; STRING dictionaries are cut down to the
     *     strings each part uses, so that parts sent to other workers do not carry the whole dictionary
     */
    static Frame[] take(Frame frame, int[] part, int nparts) {
        int[][] rows = rowsByPart(part, nparts);
        Frame[] out = new Frame[nparts];
        for (int p = 0; p < nparts; p++) {
            Frame f = frame.take(rows[p]);
            if (nparts > 1) {
                for (String n : f.columnNames()) {
                    Column c = f.column(n);
                    Column compact = Gather.compactDictionary(c);
                    if (compact != c) {
                        f = f.withColumn(n, compact);
                    }
                }
                if (f.hasIndex() && f.index().dtype() == DType.STRING) {
                    Column compact = Gather.compactDictionary(f.index());
                    if (compact != f.index()) {
                        f = f.withIndex(f.indexName(), compact);
                    }
                }
            }
            out[p] = f;
        }
        return out;
    }

    /** A stable counting sort of row numbers by part. */
    static int[][] rowsByPart(int[] part, int nparts) {
        int[] count = new int[nparts];
        for (int p : part) {
            count[p]++;
        }
        int[][] rows = new int[nparts][];
        for (int p = 0; p < nparts; p++) {
            rows[p] = new int[count[p]];
        }
        int[] fill = new int[nparts];
        for (int i = 0; i < part.length; i++) {
            rows[part[i]][fill[part[i]]++] = i;
        }
        return rows;
    }

    static List<Column> keyColumns(Frame frame, List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key column is needed");
        }
        List<Column> cs = new ArrayList<>(keys.size());
        for (String k : keys) {
            cs.add(frame.column(k));
        }
        return cs;
    }

    static Column requireIndex(Frame frame) {
        if (!frame.hasIndex()) {
            throw new IllegalArgumentException("the frame has no index; its columns are " + frame.columnNames());
        }
        return frame.index();
    }
}
