/**
 * Graph optimisation and static ordering: the passes a graph goes through between
 * {@link io.jdask.graph.Graph#materialize()} and a scheduler.
 *
 * <ul>
 *   <li>{@link io.jdask.optimize.Cull} drops what the requested keys do not need;
 *   <li>{@link io.jdask.optimize.Inline} removes aliases and substitutes cheap constants;
 *   <li>{@link io.jdask.optimize.Fuse} merges linear chains of tasks into one task;
 *   <li>{@link io.jdask.optimize.Optimizer} runs the three as configured;
 *   <li>{@link io.jdask.optimize.Order} gives each node a static priority that keeps memory low.
 * </ul>
 *
 * <p>Every pass is iterative (no recursion whose depth grows with the graph) and linear, or
 * near-linear, in the number of nodes and edges. The policies are described in
 * {@code docs/optimization.md} and {@code docs/ordering.md}.
 */
package io.jdask.optimize;
