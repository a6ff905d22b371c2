package io.jdask.scheduler;

import java.util.Arrays;

/** A binary min-heap of node ids ordered by a priority array. Not thread-safe. */
final class IntHeap {
    private final int[] priority;
    private int[] heap;
    private int size;

    IntHeap(int[] priority, int capacity) {
        this.priority = priority;
        this.heap = new int[Math.max(4, capacity)];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(int id) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        int p = priority[id];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int pid = heap[parent];
            if (priority[pid] <= p) {
                break;
            }
            heap[i] = pid;
            i = parent;
        }
        heap[i] = id;
    }

    int pop() {
        int top = heap[0];
        int last = heap[--size];
        if (size > 0) {
            int i = 0;
            int p = priority[last];
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int c = heap[child];
                int right = child + 1;
                if (right < size && priority[heap[right]] < priority[c]) {
                    child = right;
                    c = heap[child];
                }
                if (p <= priority[c]) {
                    break;
                }
                heap[i] = c;
                i = child;
            }
            heap[i] = last;
        }
        return top;
    }
}
