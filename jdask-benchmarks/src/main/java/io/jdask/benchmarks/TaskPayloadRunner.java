package io.jdask.benchmarks;

import io.jdask.distributed.protocol.TaskPayloads;
import io.jdask.function.Fn1;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.serialize.Serialization;
import java.nio.ByteBuffer;

/**
 * The CPU a {@code map} task's payload costs the client (write) and a worker (read), in one
 * thread without a network: the whole {@link Task} through core's serialization (one Fory
 * serialization of the node and its lambda per task, as before the JDTF format) against {@link
 * TaskPayloads} (the function serialized once per submission and deserialized once per cache, the
 * argument written without a serializer). Prints {@code RESULT} lines per round; the later rounds
 * are the warm figures.
 *
 * <p>Usage: {@code TaskPayloadRunner [tasks=50000] [rounds=5]}
 */
public final class TaskPayloadRunner {
    private TaskPayloadRunner() {}

    /** The task function of {@code Client.map}: one argument. */
    record Call1(Fn1<Object, Object> fn) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return fn.apply(args[0]);
        }
    }

    /**
     * @param args {@code [tasks] [rounds]}
     * @throws Exception never in practice
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Serialization s = Serialization.get();
        Fn1<Object, Object> inc = x -> (Integer) x + 1;
        for (int round = 0; round < rounds; round++) {
            long c0 = Timing.cpuNanos();
            byte[][] whole = new byte[n][];
            for (int i = 0; i < n; i++) {
                whole[i] = s.toBytes(new Task(Key.of("map-x", i), new Call1(inc), Arg.value(i)));
            }
            long c1 = Timing.cpuNanos();
            long check = 0;
            for (int i = 0; i < n; i++) {
                check += ((Task) s.fromBytes(whole[i])).arity();
            }
            long c2 = Timing.cpuNanos();
            TaskPayloads.Writer w = new TaskPayloads.Writer(s);
            byte[][] split = new byte[n][];
            for (int i = 0; i < n; i++) {
                split[i] = w.write(new Task(Key.of("map-x", i), new Call1(inc), Arg.value(i)));
            }
            long c3 = Timing.cpuNanos();
            TaskPayloads.FunctionCache cache = new TaskPayloads.FunctionCache(s);
            for (int i = 0; i < n; i++) {
                check += cache.read(Key.of("map-x", i), ByteBuffer.wrap(split[i])).arity();
            }
            long c4 = Timing.cpuNanos();
            if (check != 2L * n) {
                throw new AssertionError("tasks read back with the wrong arity");
            }
            System.out.printf("RESULT | task payload | %d tasks | round %d | whole Task (core serialization): write %.2f us, read %.2f us, %d B"
                    + " | JDTF: write %.2f us, read %.2f us, %d B%n", n, round, (c1 - c0) / 1e3 / n, (c2 - c1) / 1e3 / n, whole[n - 1].length,
                    (c3 - c2) / 1e3 / n, (c4 - c3) / 1e3 / n, split[n - 1].length);
        }
    }
}
