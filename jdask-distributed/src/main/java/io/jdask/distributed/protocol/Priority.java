package io.jdask.distributed.protocol;

/**
 * When a task should run relative to others: lower runs first. Compared by the graph's
 * submission {@code generation} (earlier graphs first), then by the task's place in its graph's
 * static {@code order} ({@link io.jdask.optimize.Order}).
 *
 * @param generation the scheduler's count of graphs submitted before this task's graph
 * @param order the task's static priority within its graph
 */
public record Priority(long generation, int order) implements Comparable<Priority> {
    @Override
    public int compareTo(Priority o) {
        int c = Long.compare(generation, o.generation);
        return c != 0 ? c : Integer.compare(order, o.order);
    }
}
