package io.jdask.cli;

import io.jdask.Delayed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The graphs of {@code jdask demo delayed}, built with the public {@link Delayed} API only.
 *
 * <ul>
 *   <li>{@link #sumOfSquares(int)}: one {@code square} task per number and a binary tree of
 *       {@code add} tasks summing them, about {@code 2n} small tasks;
 *   <li>{@link #diamond(long)}: a pure call made twice from two places, which is one task
 *       because pure calls get their key from their content, feeding both sides of a diamond.
 * </ul>
 */
final class DelayedDemo {
    /** How many times {@link #slowSquare(long)} ran in this JVM (to show a pure call runs once). */
    private static final AtomicLong SLOW_SQUARE_CALLS = new AtomicLong();

    private DelayedDemo() {}

    /**
     * @param n how many numbers, at least 1
     * @return a delayed sum of the squares of {@code 0..n-1}
     */
    static Delayed<Long> sumOfSquares(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one number to sum, not " + n);
        }
        List<Delayed<Long>> level = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            level.add(Delayed.named("square").call(x -> x * x, Delayed.value((long) i)));
        }
        while (level.size() > 1) {
            List<Delayed<Long>> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(Delayed.named("add").call(Math::addExact, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.getLast());
            }
            level = next;
        }
        return level.getFirst();
    }

    /**
     * @param n how many numbers
     * @return the sum of the squares of {@code 0..n-1}, by a plain loop
     */
    static long sumOfSquaresByLoop(int n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum = Math.addExact(sum, i * i);
        }
        return sum;
    }

    /** The diamond and the keys of the two pure calls that make its top. */
    record Diamond(Delayed<Long> result, Delayed<Long> sharedFromLeft, Delayed<Long> sharedFromRight) {
        /** @return {@code (x² + 1) + (x² * 2)} computed by plain Java */
        static long expected(long x) {
            return (x * x + 1) + (x * x * 2);
        }
    }

    /**
     * A diamond {@code shared -> (left, right) -> result} where {@code shared} is a pure call
     * built separately for each side: both builds give the same key, so it runs once.
     *
     * @param x the input
     * @return the diamond
     */
    static Diamond diamond(long x) {
        Delayed<Long> input = Delayed.value(x);
        Delayed<Long> sharedFromLeft = Delayed.pure().name("slow-square").call(DelayedDemo::slowSquare, input);
        Delayed<Long> sharedFromRight = Delayed.pure().name("slow-square").call(DelayedDemo::slowSquare, input);
        Delayed<Long> left = Delayed.named("inc").call(v -> v + 1, sharedFromLeft);
        Delayed<Long> right = Delayed.named("double").call(v -> v * 2, sharedFromRight);
        Delayed<Long> result = Delayed.named("add").call(Math::addExact, left, right);
        return new Diamond(result, sharedFromLeft, sharedFromRight);
    }

    /** @return the small example {@code --visualize} draws: 8 numbers summed, and the diamond */
    static Delayed<List<Long>> visualizationExample() {
        return Delayed.all(List.of(sumOfSquares(8), diamond(10).result()));
    }

    /** @return how many times the diamond's shared function has run in this JVM */
    static long slowSquareCalls() {
        return SLOW_SQUARE_CALLS.get();
    }

    /** The diamond's shared step: an expensive-looking pure function that counts its calls. */
    static long slowSquare(long x) {
        SLOW_SQUARE_CALLS.incrementAndGet();
        return x * x;
    }
}
