package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A local, immutable columnar table: ordered, uniquely named {@link Column}s of equal length and
 * an optional index column. It is one partition of a DataFrame, and a value in its own right.
 *
 * <p>The index has a name (possibly null) and remembers whether it is sorted (non-decreasing with
 * no missing values), either checked by {@link Builder#index} or declared by
 * {@link Builder#sortedIndex}. Without an index, rows are labelled by position and
 * {@link #isSorted()} is false.
 */
public final class Frame {
    /** Frames with more rows than this print only their first and last {@link #PRINT_EDGE} rows. */
    public static final int PRINT_MAX_ROWS = 60;
    /** Rows printed at each end of a long frame. */
    public static final int PRINT_EDGE = 5;

    private final List<String> names;
    private final List<Column> columns;
    private final Map<String, Integer> positions;
    private final String indexName;
    private final Column index;
    private final boolean sorted;
    private final int numRows;

    private Frame(List<String> names, List<Column> columns, String indexName, Column index, Boolean sorted) {
        this.names = List.copyOf(names);
        this.columns = List.copyOf(columns);
        this.positions = new HashMap<>();
        int rows = index != null ? index.length() : columns.isEmpty() ? 0 : columns.get(0).length();
        for (int i = 0; i < this.names.size(); i++) {
            if (positions.put(this.names.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate column name '" + this.names.get(i) + "'");
            }
            if (this.columns.get(i).length() != rows) {
                throw new IllegalArgumentException("column '" + this.names.get(i) + "' has " + this.columns.get(i).length()
                        + " rows, expected " + rows + (index != null ? " (the index's length)" : " (the first column's length)"));
            }
        }
        this.indexName = indexName;
        this.index = index;
        this.sorted = index != null && (sorted != null ? sorted : checkSorted(index));
        this.numRows = rows;
    }

    private static boolean checkSorted(Column c) {
        for (int i = 0; i < c.length(); i++) {
            if (c.isNull(i) || (i > 0 && c.compareRows(i - 1, i) > 0)) {
                return false;
            }
        }
        return true;
    }

    /** @return a builder for a frame */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects columns and an index, then builds a {@link Frame}. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<Column> columns = new ArrayList<>();
        private String indexName;
        private Column index;
        private Boolean sorted;

        private Builder() {}

        /** Appends a column. */
        public Builder column(String name, Column column) {
            names.add(Objects.requireNonNull(name, "column name"));
            columns.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        /** Sets the index (name may be null); whether it is sorted is checked when building. */
        public Builder index(String name, Column column) {
            indexName = name;
            index = Objects.requireNonNull(column, "index");
            sorted = null;
            return this;
        }

        /** Sets an index the caller knows to be sorted (non-decreasing, nothing missing); not checked. */
        public Builder sortedIndex(String name, Column column) {
            index(name, column);
            sorted = true;
            return this;
        }

        /** @return the frame */
        public Frame build() {
            return new Frame(names, columns, indexName, index, sorted);
        }
    }

    /** @return a frame with no rows and no columns */
    public static Frame empty() {
        return builder().build();
    }

    // ---- shape and access ----

    /** @return the number of rows */
    public int numRows() {
        return numRows;
    }

    /** @return the number of columns (the index not counted) */
    public int numColumns() {
        return names.size();
    }

    /** @return the column names, in order */
    public List<String> columnNames() {
        return names;
    }

    /** @return whether a column of that name exists */
    public boolean hasColumn(String name) {
        return positions.containsKey(name);
    }

    /**
     * @return the named column
     * @throws IllegalArgumentException naming the available columns when there is none of that name
     */
    public Column column(String name) {
        return columns.get(position(name));
    }

    /** @return the column at position {@code i} */
    public Column column(int i) {
        return columns.get(i);
    }

    private int position(String name) {
        Integer p = positions.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no column '" + name + "'; the columns are " + names);
        }
        return p;
    }

    /** @return whether the frame has an index column */
    public boolean hasIndex() {
        return index != null;
    }

    /** @return the index column, or null when there is none */
    public Column index() {
        return index;
    }

    /** @return the index's name, or null */
    public String indexName() {
        return indexName;
    }

    /** @return whether there is an index and it is sorted (non-decreasing, nothing missing) */
    public boolean isSorted() {
        return sorted;
    }

    // ---- column operations ----

    /** @return a frame with only the named columns, in the given order (the index kept) */
    public Frame select(String... columnNames) {
        List<Column> cs = new ArrayList<>();
        for (String n : columnNames) {
            cs.add(column(n));
        }
        return new Frame(Arrays.asList(columnNames), cs, indexName, index, sorted);
    }

    /** @return a frame without the named columns; unknown names are an error */
    public Frame drop(String... columnNames) {
        Set<String> gone = new LinkedHashSet<>();
        for (String n : columnNames) {
            position(n);
            gone.add(n);
        }
        List<String> ns = new ArrayList<>();
        List<Column> cs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!gone.contains(names.get(i))) {
                ns.add(names.get(i));
                cs.add(columns.get(i));
            }
        }
        return new Frame(ns, cs, indexName, index, sorted);
    }

    /** @return a frame with columns renamed by {@code oldToNew}; unknown old names are an error */
    public Frame rename(Map<String, String> oldToNew) {
        for (String old : oldToNew.keySet()) {
            position(old);
        }
        List<String> ns = new ArrayList<>();
        for (String n : names) {
            ns.add(Objects.requireNonNull(oldToNew.getOrDefault(n, n), "new name for '" + n + "'"));
        }
        return new Frame(ns, columns, indexName, index, sorted);
    }

    /** @return a frame with the column added at the end, or replaced in place when the name exists */
    public Frame withColumn(String name, Column column) {
        Objects.requireNonNull(name, "column name");
        List<String> ns = new ArrayList<>(names);
        List<Column> cs = new ArrayList<>(columns);
        Integer p = positions.get(name);
        if (p == null) {
            ns.add(name);
            cs.add(column);
        } else {
            cs.set(p, column);
        }
        return new Frame(ns, cs, indexName, index, sorted);
    }

    /** @return the frame with a new index (its sortedness checked) */
    public Frame withIndex(String name, Column column) {
        return new Frame(names, columns, name, Objects.requireNonNull(column, "index"), null);
    }

    // ---- row operations ----

    /** @return rows {@code [from, to)} */
    public Frame slice(int from, int to) {
        Objects.checkFromToIndex(from, to, numRows);
        List<Column> cs = new ArrayList<>();
        for (Column c : columns) {
            cs.add(c.slice(from, to));
        }
        return new Frame(names, cs, indexName, index == null ? null : index.slice(from, to), sorted);
    }

    /** @return the first {@code n} rows (all when fewer) */
    public Frame head(int n) {
        requireNonNegative(n);
        return slice(0, Math.min(n, numRows));
    }

    /** @return the last {@code n} rows (all when fewer) */
    public Frame tail(int n) {
        requireNonNegative(n);
        return slice(Math.max(0, numRows - n), numRows);
    }

    private static void requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("row count must be >= 0, got " + n);
        }
    }

    /** @return the given rows, in order (repeats allowed); the index is re-checked for sortedness */
    public Frame take(int[] rows) {
        List<Column> cs = new ArrayList<>();
        for (Column c : columns) {
            cs.add(c.take(rows));
        }
        return new Frame(names, cs, indexName, index == null ? null : index.take(rows), null);
    }

    /**
     * @param mask a BOOL column of this frame's length; missing counts as false
     * @return the rows where the mask is true
     */
    public Frame filter(Column mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("a filter mask must be bool, got " + mask.dtype().label());
        }
        if (mask.length() != numRows) {
            throw new IllegalArgumentException("the mask has " + mask.length() + " rows, the frame " + numRows);
        }
        int[] rows = new int[numRows];
        int k = 0;
        for (int i = 0; i < numRows; i++) {
            if (!mask.isNull(i) && mask.getBoolean(i)) {
                rows[k++] = i;
            }
        }
        List<Column> cs = new ArrayList<>();
        int[] kept = Arrays.copyOf(rows, k);
        for (Column c : columns) {
            cs.add(c.take(kept));
        }
        return new Frame(names, cs, indexName, index == null ? null : index.take(kept), sorted);
    }

    /**
     * Stacks frames vertically. All must have the same column names in the same order with the same
     * types, and either all or none an index (of one type). STRING dictionaries are merged;
     * CATEGORY columns must have the same categories.
     *
     * @throws IllegalArgumentException naming the column and both types on a mismatch
     */
    public static Frame concat(List<Frame> frames) {
        if (frames.isEmpty()) {
            return empty();
        }
        Frame first = frames.get(0);
        for (int f = 1; f < frames.size(); f++) {
            Frame o = frames.get(f);
            if (!o.names.equals(first.names)) {
                throw new IllegalArgumentException("frame " + f + " has columns " + o.names + ", frame 0 has " + first.names);
            }
            for (int i = 0; i < first.names.size(); i++) {
                checkSame("column '" + first.names.get(i) + "'", f, first.columns.get(i), o.columns.get(i));
            }
            if ((o.index == null) != (first.index == null)) {
                throw new IllegalArgumentException("frame " + f + (o.index == null ? " has no index" : " has an index")
                        + ", frame 0 " + (first.index == null ? "has none" : "has one"));
            }
            if (o.index != null) {
                checkSame("the index", f, first.index, o.index);
            }
        }
        List<Column> cs = new ArrayList<>();
        for (int i = 0; i < first.names.size(); i++) {
            final int col = i;
            cs.add(Columns.concat(frames.stream().map(fr -> fr.columns.get(col)).toList()));
        }
        Column idx = first.index == null ? null : Columns.concat(frames.stream().map(fr -> fr.index).toList());
        return new Frame(first.names, cs, first.indexName, idx, null);
    }

    private static void checkSame(String what, int f, Column a, Column b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(what + " is " + a.dtype().label() + " in frame 0 but "
                    + b.dtype().label() + " in frame " + f);
        }
        if (a.dtype() == DType.CATEGORY && !a.dictionary().equals(b.dictionary())) {
            throw new IllegalArgumentException(what + " has categories " + a.dictionary() + " in frame 0 but "
                    + b.dictionary() + " in frame " + f);
        }
    }

    // ---- equality and printing ----

    /** Frames are equal when names, columns, index name and index are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.numRows == numRows && f.names.equals(names) && f.columns.equals(columns)
                && Objects.equals(f.indexName, indexName) && Objects.equals(f.index, index);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, columns, indexName, index);
    }

    /** Prints the frame like pandas: aligned columns, NaN/NaT/None/&lt;NA&gt; for missing values. */
    @Override
    public String toString() {
        return FramePrinter.print(this);
    }
}
