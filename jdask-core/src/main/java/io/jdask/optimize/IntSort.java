package io.jdask.optimize;

import java.util.Arrays;

/** Sorting ranges of {@code int} arrays with a comparator, without boxing. Stable. */
final class IntSort {
    private static final int INSERTION_MAX = 24;

    private IntSort() {}

    /** Compares two ints. */
    @FunctionalInterface
    interface Comparator {
        /**
         * @param a one value
         * @param b another
         * @return negative, zero or positive as {@code a} comes before, with or after {@code b}
         */
        int compare(int a, int b);
    }

    /**
     * Sorts {@code a[from..to)}.
     *
     * @param a the array
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @param c the order
     */
    static void sort(int[] a, int from, int to, Comparator c) {
        int len = to - from;
        if (len < 2) {
            return;
        }
        if (len <= INSERTION_MAX) {
            insertion(a, from, to, c);
            return;
        }
        // bottom-up merge sort over runs made by insertion sort, in buffers of the range's length
        int[] src = Arrays.copyOfRange(a, from, to);
        int[] dst = new int[len];
        for (int lo = 0; lo < len; lo += INSERTION_MAX) {
            insertion(src, lo, Math.min(lo + INSERTION_MAX, len), c);
        }
        for (int width = INSERTION_MAX; width < len; width *= 2) {
            for (int lo = 0; lo < len; lo += 2 * width) {
                int mid = Math.min(lo + width, len);
                int hi = Math.min(lo + 2 * width, len);
                merge(src, dst, lo, mid, hi, c);
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        System.arraycopy(src, 0, a, from, len);
    }

    private static void insertion(int[] a, int from, int to, Comparator c) {
        for (int i = from + 1; i < to; i++) {
            int x = a[i];
            int j = i - 1;
            while (j >= from && c.compare(a[j], x) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, Comparator c) {
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            dst[k++] = c.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        }
        while (i < mid) {
            dst[k++] = src[i++];
        }
        while (j < hi) {
            dst[k++] = src[j++];
        }
    }
}
