package io.jdask.dataframe;

import java.util.Arrays;

/**
 * An open-addressing hash table from join keys to dense group ids ({@code 0, 1, ...} in order of
 * insertion). Each group remembers one representative row (side and row number) to compare keys
 * against; slots hold {@code id + 1}, 0 marking an empty slot. No per-row objects.
 */
final class GroupTable {
    private final JoinKeys keys;
    private int[] slots;
    private int mask;
    private long[] groupHash;
    private int[] repRow;
    private byte[] repSide;
    private int size;

    GroupTable(JoinKeys keys, int expected) {
        this.keys = keys;
        int cap = (int) Math.min(1L << 30, Long.highestOneBit(Math.max(16L, expected) * 2 - 1) << 1);
        slots = new int[cap];
        mask = cap - 1;
        int g = Math.max(16, expected);
        groupHash = new long[g];
        repRow = new int[g];
        repSide = new byte[g];
    }

    int size() {
        return size;
    }

    /** @return the group of row {@code row} of {@code side}, or -1 when its key was never inserted */
    int find(int side, int row) {
        long h = keys.hashes[side][row];
        int i = (int) RowHash.mix(h) & mask;
        while (true) {
            int g = slots[i] - 1;
            if (g < 0) {
                return -1;
            }
            if (groupHash[g] == h && keys.equal(repSide[g], repRow[g], side, row)) {
                return g;
            }
            i = (i + 1) & mask;
        }
    }

    /** @return the group of the row's key, adding a new group when the key is new */
    int findOrInsert(int side, int row) {
        long h = keys.hashes[side][row];
        int i = (int) RowHash.mix(h) & mask;
        while (true) {
            int g = slots[i] - 1;
            if (g < 0) {
                break;
            }
            if (groupHash[g] == h && keys.equal(repSide[g], repRow[g], side, row)) {
                return g;
            }
            i = (i + 1) & mask;
        }
        int g = size++;
        if (g == groupHash.length) {
            int n = g * 2;
            groupHash = Arrays.copyOf(groupHash, n);
            repRow = Arrays.copyOf(repRow, n);
            repSide = Arrays.copyOf(repSide, n);
        }
        groupHash[g] = h;
        repRow[g] = row;
        repSide[g] = (byte) side;
        slots[i] = g + 1;
        if (size * 2 > slots.length) {
            grow();
        }
        return g;
    }

    private void grow() {
        int[] s = new int[slots.length * 2];
        int m = s.length - 1;
        for (int g = 0; g < size; g++) {
            int i = (int) RowHash.mix(groupHash[g]) & m;
            while (s[i] != 0) {
                i = (i + 1) & m;
            }
            s[i] = g + 1;
        }
        slots = s;
        mask = m;
    }
}
