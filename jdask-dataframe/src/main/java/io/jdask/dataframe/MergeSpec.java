package io.jdask.dataframe;

import java.util.List;
import java.util.Objects;

/**
 * How {@link Joins#merge} joins two frames: the join type, the key columns of each side (or the
 * indexes), and the suffixes given to non-key columns that both sides have.
 *
 * @param how which rows to keep
 * @param leftOn the left key columns (empty when joining on the indexes)
 * @param rightOn the right key columns, as many as {@code leftOn}
 * @param onIndex whether to join the left index with the right index instead of columns
 * @param leftSuffix appended to the name of a left column that the right side also has
 * @param rightSuffix appended to the name of such a right column
 */
public record MergeSpec(JoinType how, List<String> leftOn, List<String> rightOn, boolean onIndex,
                        String leftSuffix, String rightSuffix) {
    /** The default suffixes, pandas': {@code _x} and {@code _y}. */
    public static final String LEFT_SUFFIX = "_x";
    /** @see #LEFT_SUFFIX */
    public static final String RIGHT_SUFFIX = "_y";

    /** Checks the arguments. */
    public MergeSpec {
        Objects.requireNonNull(how, "how");
        leftOn = List.copyOf(leftOn);
        rightOn = List.copyOf(rightOn);
        Objects.requireNonNull(leftSuffix, "leftSuffix");
        Objects.requireNonNull(rightSuffix, "rightSuffix");
        if (onIndex != leftOn.isEmpty() || onIndex != rightOn.isEmpty()) {
            throw new IllegalArgumentException(onIndex ? "an index join takes no key columns"
                    : "a join needs key columns on both sides (or onIndex)");
        }
        if (leftOn.size() != rightOn.size()) {
            throw new IllegalArgumentException("leftOn has " + leftOn.size() + " keys but rightOn has " + rightOn.size());
        }
        if (leftSuffix.equals(rightSuffix)) {
            throw new IllegalArgumentException("the suffixes must differ, both are '" + leftSuffix + "'");
        }
    }

    /** @return a join on columns that have the same names on both sides (kept once in the result) */
    public static MergeSpec on(JoinType how, String... keys) {
        return new MergeSpec(how, List.of(keys), List.of(keys), false, LEFT_SUFFIX, RIGHT_SUFFIX);
    }

    /** @return a join of {@code leftOn} with {@code rightOn} (differently named keys are all kept) */
    public static MergeSpec on(JoinType how, List<String> leftOn, List<String> rightOn) {
        return new MergeSpec(how, leftOn, rightOn, false, LEFT_SUFFIX, RIGHT_SUFFIX);
    }

    /** @return a join of the left index with the right index */
    public static MergeSpec onIndex(JoinType how) {
        return new MergeSpec(how, List.of(), List.of(), true, LEFT_SUFFIX, RIGHT_SUFFIX);
    }

    /** @return this spec with other suffixes for overlapping non-key columns */
    public MergeSpec withSuffixes(String left, String right) {
        return new MergeSpec(how, leftOn, rightOn, onIndex, left, right);
    }
}
