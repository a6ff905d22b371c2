package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stacks frames whose columns differ (pandas' {@code concat} with {@code join="outer"}), where
 * {@link Frame#concat} needs identical columns.
 */
public final class Concat {
    private Concat() {}

    /**
     * Stacks frames vertically over the union of their columns: columns in order of first
     * appearance, missing values where a frame lacks a column. A column's type is the common type
     * of its parts (I64 for I32 with I64, F64 for integers with floats, F32 for F16 with F32,
     * STRING for strings with categories or categories with different category lists); an
     * integer or boolean column stays so, with missing values, where pandas would make it
     * {@code float64}/{@code object}. Either every frame has an index or none does; the result's
     * index name is the shared one, or null when they differ.
     *
     * @param frames the frames, in order
     * @return the stacked frame ({@link Frame#empty()} for no frames)
     * @throws IllegalArgumentException naming the column and frames whose types do not combine
     *     (a string with a number, a boolean with a number, a date with a timestamp)
     */
    public static Frame union(List<Frame> frames) {
        if (frames.isEmpty()) {
            return Frame.empty();
        }
        Map<String, List<Integer>> owners = new LinkedHashMap<>();
        for (int f = 0; f < frames.size(); f++) {
            for (String n : frames.get(f).columnNames()) {
                owners.computeIfAbsent(n, x -> new ArrayList<>()).add(f);
            }
        }
        boolean indexed = frames.get(0).hasIndex();
        for (int f = 1; f < frames.size(); f++) {
            if (frames.get(f).hasIndex() != indexed) {
                throw new IllegalArgumentException("frame " + f + (indexed ? " has no index" : " has an index")
                        + ", frame 0 " + (indexed ? "has one" : "has none"));
            }
        }
        Frame.Builder b = Frame.builder();
        for (Map.Entry<String, List<Integer>> e : owners.entrySet()) {
            List<Column> present = new ArrayList<>();
            for (int f : e.getValue()) {
                present.add(frames.get(f).column(e.getKey()));
            }
            DType t = commonType(present, e.getValue(), "column '" + e.getKey() + "'");
            List<Column> parts = new ArrayList<>();
            String[] categories = t == DType.CATEGORY ? present.get(0).dictionaryRef() : null;
            for (Frame fr : frames) {
                parts.add(fr.hasColumn(e.getKey()) ? fr.column(e.getKey()).astype(t) : Gather.missing(t, fr.numRows(), categories));
            }
            b.column(e.getKey(), Columns.concat(parts));
        }
        if (indexed) {
            List<Column> idx = new ArrayList<>();
            List<Integer> all = new ArrayList<>();
            String name = frames.get(0).indexName();
            for (int f = 0; f < frames.size(); f++) {
                idx.add(frames.get(f).index());
                all.add(f);
                if (!Objects.equals(name, frames.get(f).indexName())) {
                    name = null;
                }
            }
            DType t = commonType(idx, all, "the index");
            b.index(name, Columns.concat(idx.stream().map(c -> c.astype(t)).toList()));
        }
        return b.build();
    }

    private static DType commonType(List<Column> cols, List<Integer> frameNumbers, String what) {
        DType t = CommonType.of(cols);
        if (t == null) {
            for (int i = 1; i < cols.size(); i++) {
                if (CommonType.of(List.of(cols.get(0), cols.get(i))) == null) {
                    throw new IllegalArgumentException(what + " is " + cols.get(0).dtype().label() + " in frame " + frameNumbers.get(0)
                            + " but " + cols.get(i).dtype().label() + " in frame " + frameNumbers.get(i) + ", which do not combine");
                }
            }
            throw new IllegalArgumentException(what + " has types that do not combine: "
                    + cols.stream().map(c -> c.dtype().label()).distinct().toList());
        }
        return t;
    }
}
