package io.jdask.distributed.worker;

import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.logs.LogBuffer;
import io.jdask.distributed.protocol.ClientReply;
import io.jdask.distributed.protocol.ClientRequest;
import io.jdask.distributed.protocol.Payload;
import io.jdask.graph.TaskFunction;

/**
 * Answers the requests a client sends a worker directly: its recent log lines, and running a
 * function ({@code Client.run}) on a thread of its own, outside the task pool, so a function runs
 * even while every task thread is busy. Called on an I/O thread; never blocks it.
 */
final class WorkerServices {
    private final TaskCodec codec;
    private final String name;

    WorkerServices(TaskCodec codec, String name) {
        this.codec = codec;
        this.name = name;
        LogBuffer.install();
    }

    void serve(Connection c, ClientRequest r) {
        switch (r) {
            case ClientRequest.GetLogs g -> c.send(new ClientReply.Logs(LogBuffer.recent(g.maxLines()), g.stimulusId()));
            case ClientRequest.RunFunction f -> {
                Thread t = new Thread(() -> c.send(run(f)), "jdask-worker-run-" + name);
                t.setDaemon(true);
                t.start();
            }
            default -> c.send(new ClientReply.Done("worker " + name + " does not answer " + r.getClass().getSimpleName()
                    + "; send it to the scheduler", r.stimulusId()));
        }
    }

    private ClientReply.RunResult run(ClientRequest.RunFunction f) {
        try {
            Object fn = codec.readValue(f.function());
            if (!(fn instanceof TaskFunction tf)) {
                throw new IllegalArgumentException("a function to run on a worker must be a TaskFunction, got "
                        + (fn == null ? "null" : fn.getClass().getName()));
            }
            return new ClientReply.RunResult(codec.writeValue(tf.apply(new Object[0])), null, f.stimulusId());
        } catch (Throwable t) {
            return new ClientReply.RunResult(Payload.EMPTY, TaskRunner.errorInfo(t, codec, null), f.stimulusId());
        }
    }
}
