package io.jdask.dataframe;

/** A stable merge sort of {@code int} row numbers under a primitive comparator (no boxing). */
final class IntSort {
    /** Compares two row numbers. */
    @FunctionalInterface
    interface RowComparator {
        int compare(int a, int b);
    }

    private static final int RUN = 32;

    private IntSort() {}

    /** Sorts {@code rows} in place, keeping the order of rows that compare equal. */
    static void sort(int[] rows, RowComparator cmp) {
        int n = rows.length;
        for (int lo = 0; lo < n; lo += RUN) {
            insertion(rows, lo, Math.min(n, lo + RUN), cmp);
        }
        if (n <= RUN) {
            return;
        }
        int[] src = rows;
        int[] dst = new int[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                merge(src, dst, lo, mid, hi, cmp);
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != rows) {
            System.arraycopy(src, 0, rows, 0, n);
        }
    }

    private static void insertion(int[] a, int lo, int hi, RowComparator cmp) {
        for (int i = lo + 1; i < hi; i++) {
            int x = a[i];
            int j = i - 1;
            while (j >= lo && cmp.compare(a[j], x) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, RowComparator cmp) {
        if (mid >= hi || cmp.compare(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            return;
        }
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            dst[k++] = cmp.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        }
        while (i < mid) dst[k++] = src[i++];
        while (j < hi) dst[k++] = src[j++];
    }
}
