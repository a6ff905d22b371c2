package io.jdask.benchmarks;

import io.jdask.distributed.code.CodeEnvelope;
import io.jdask.distributed.protocol.Batch;
import io.jdask.distributed.protocol.ClientToScheduler;
import io.jdask.distributed.protocol.FrameDecoder;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.MessageCodec;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.protocol.Restrictions;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.TaskPayloads;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.function.Fn1;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.serialize.Serialization;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The payload path of a {@code map} of N no-op tasks as each process does it, in one thread without
 * a network: the client writes the payloads (with a code envelope) and encodes the submission; the
 * scheduler decodes it and encodes {@code ComputeTask}s in batches; a worker decodes them, reads
 * and runs each task and writes its result in an envelope; the client reads the results. Each
 * step's thread CPU per task and the bytes per task on the wire, for payloads of one array each
 * (the layout before branch tfunc, with today's serialization) and for payloads joined to one shared
 * head per function ({@link Payload#joined}). The later rounds are the warm figures.
 *
 * <p>Usage: {@code PayloadPathRunner [tasks=50000] [rounds=5] [batch=100]}
 */
public final class PayloadPathRunner {
    private PayloadPathRunner() {}

    /** The task function of {@code Client.map}: one argument. */
    record Call1(Fn1<Object, Object> fn) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return fn.apply(args[0]);
        }
    }

    private static long cpu() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadCpuTime();
    }

    /**
     * @param args {@code [tasks] [rounds] [batch]}
     * @throws Exception never in practice
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Serialization s = Serialization.get();
        Fn1<Object, Object> inc = x -> (Integer) x + 1;
        String client = UUID.randomUUID().toString();
        byte[] envelope = CodeEnvelope.wrap(client, new byte[0]);
        for (int round = 0; round < rounds; round++) {
            for (boolean joined : new boolean[] {false, true}) {
                long c0 = cpu();
                TaskPayloads.Writer w = new TaskPayloads.Writer(s);
                TaskFunction f = new Call1(inc);
                List<TaskSpec> specs = new ArrayList<>(n);
                List<Key> keys = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Task t = new Task(Key.of("map-0123456789ab", i), f, Arg.value(i));
                    Payload p = joined ? w.payload(t, envelope) : Payload.wrap(w.write(t, envelope));
                    specs.add(new TaskSpec(t.key(), p, List.of(), i, Restrictions.NONE, 0));
                    keys.add(t.key());
                }
                byte[] submission = MessageCodec.encode(new ClientToScheduler.UpdateGraph(specs, keys, "submit")).toByteArray();
                long c1 = cpu();
                ClientToScheduler.UpdateGraph u = (ClientToScheduler.UpdateGraph) new FrameDecoder(Integer.MAX_VALUE).feed(ByteBuffer.wrap(submission)).get(0);
                List<byte[]> computes = new ArrayList<>();
                for (int i = 0; i < n; i += batch) {
                    List<Message> ms = new ArrayList<>(batch);
                    for (int j = i; j < Math.min(n, i + batch); j++) {
                        TaskSpec t = u.tasks().get(j);
                        ms.add(new SchedulerToWorker.ComputeTask(t.key(), t.payload(), new Priority(1, j), List.of(), Map.of(), "compute"));
                    }
                    computes.add(MessageCodec.encode(Batch.of(ms)).toByteArray());
                }
                long c2 = cpu();
                TaskPayloads.FunctionCache cache = new TaskPayloads.FunctionCache(s);
                List<Payload> results = new ArrayList<>(n);
                Payload lastHead = null;
                ByteBuffer headBody = null;
                for (byte[] m : computes) {
                    for (Message x : ((Batch) new FrameDecoder(Integer.MAX_VALUE).feed(ByteBuffer.wrap(m)).get(0)).messages()) {
                        SchedulerToWorker.ComputeTask ct = (SchedulerToWorker.ComputeTask) x;
                        Payload p = ct.payload();
                        Task t;
                        if (p.head() != null) {
                            if (p.head() != lastHead) { // as the worker's codec: the shared head's envelope opened once
                                lastHead = p.head();
                                headBody = CodeEnvelope.open(lastHead.buffer()).orElseThrow().body();
                            }
                            t = cache.read(ct.key(), headBody, p.tail().buffer());
                        } else {
                            t = cache.read(ct.key(), CodeEnvelope.open(p.buffer()).orElseThrow().body());
                        }
                        results.add(Payload.wrap(CodeEnvelope.wrap(client, s.toBytes(t.run(k -> null)))));
                    }
                }
                long c3 = cpu();
                long sum = 0;
                for (Payload p : results) {
                    byte[] all = p.array();
                    int len = CodeEnvelope.open(p.buffer()).orElseThrow().body().remaining();
                    sum += (Integer) s.fromBytes(all, all.length - len, len);
                }
                long c4 = cpu();
                if (sum != (long) n * (n + 1) / 2) {
                    throw new AssertionError("results add up to " + sum);
                }
                long computeBytes = 0;
                for (byte[] m : computes) {
                    computeBytes += m.length;
                }
                System.out.printf("RESULT | payload path | %d tasks, ComputeTask batches of %d | round %d, %s | CPU us/task: client write %.2f,"
                        + " scheduler %.2f, worker %.2f, client read %.2f | bytes/task: submission %.1f, compute %.1f, result %d | load %s%n",
                        n, batch, round, joined ? "joined payloads" : "one array per payload", (c1 - c0) / 1e3 / n, (c2 - c1) / 1e3 / n,
                        (c3 - c2) / 1e3 / n, (c4 - c3) / 1e3 / n, submission.length / (double) n, computeBytes / (double) n, results.get(0).size(),
                        Timing.load());
            }
        }
    }
}
