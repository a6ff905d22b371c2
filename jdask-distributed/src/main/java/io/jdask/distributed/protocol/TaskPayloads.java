package io.jdask.distributed.protocol;

import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.serialize.Serialization;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload format of a {@link Task} with its function and its arguments serialized apart, so
 * that a graph's many tasks of one function cost one serialization of it on the client and one
 * deserialization per worker:
 *
 * <pre>
 *  0        4     5              9                  9+n    10+n
 *  +--------+-----+--------------+------------------+------+------------------------------+
 *  | "JDTF" | ver | n (int32)    | function (n B)   | form | arguments (rest)             |
 *  +--------+-----+--------------+------------------+------+------------------------------+
 * </pre>
 *
 * The function is in core's serialization format; the arguments either in {@link CompactArgs}'
 * form (form 1: references to keys and boxed numbers, strings, booleans and nulls, the common
 * case, written without a serializer) or as an {@code Arg[]} in core's format (form 0). The key is not written: the worker knows it from
 * the task's {@code ComputeTask}. The client serializes each distinct function of a submission
 * once ({@link Writer}) and a worker deserializes each distinct function bytes once per
 * serialization ({@link FunctionCache}). The payloads of the tasks of one function are {@link
 * Payload#joined} to one shared head (any code envelope, the header and the function): every
 * message carries it once, however many of its tasks share it (the submission to the scheduler,
 * each batch of {@code ComputeTask}s to a worker), and each task's own bytes are just its
 * arguments. The scheduler still forwards payloads unopened, and a task still carries everything it
 * needs to run anywhere. Tasks that share a function object on the client share one deserialized
 * function object on a worker, as they share it under the local scheduler. Other nodes (literals,
 * aliases) keep core's format.
 */
public final class TaskPayloads {
    /** {@code "JDTF"}. */
    static final int MAGIC = 0x4A445446;
    static final int VERSION = 1;
    private static final int HEADER = 9;
    /** The arguments follow as an Arg[] in core's serialization format. */
    static final byte ARGS_SERIALIZED = 0;
    /** The arguments follow in {@link CompactArgs}' form. */
    static final byte ARGS_COMPACT = 1;

    private TaskPayloads() {}

    /**
     * @param body a payload's body (after any code envelope); position and limit are not changed
     * @return whether it is a task in this format
     */
    public static boolean isTask(ByteBuffer body) {
        return body.remaining() >= 4 && body.getInt(body.position()) == MAGIC;
    }

    /**
     * Serializes the nodes of one submission: each distinct function (by {@code equals}, so the
     * records that wrap one lambda count as one) once. Not thread-safe; one per submission.
     */
    public static final class Writer {
        private static final byte[] NO_PREFIX = new byte[0];

        private final Serialization serialization;
        private final Map<TaskFunction, byte[]> functions = new HashMap<>();
        /** The shared head of each function's payloads, for the prefix {@link #headsPrefix}. */
        private final Map<TaskFunction, Payload> heads = new HashMap<>();
        private byte[] headsPrefix;

        /** @param serialization the client's serialization */
        public Writer(Serialization serialization) {
            this.serialization = serialization;
        }

        /**
         * @param node a graph node
         * @return its bytes: a task in this format, any other node in core's format
         */
        public byte[] write(Node node) {
            return write(node, NO_PREFIX);
        }

        /**
         * @param node a graph node
         * @param prefix bytes to put first (a code envelope's header), in the same array
         * @return the prefix, then the node's bytes as {@link #write(Node)} makes them
         */
        public byte[] write(Node node, byte[] prefix) {
            if (!(node instanceof Task t)) {
                byte[] body = serialization.toBytes(node);
                if (prefix.length == 0) {
                    return body;
                }
                byte[] all = java.util.Arrays.copyOf(prefix, prefix.length + body.length);
                System.arraycopy(body, 0, all, prefix.length, body.length);
                return all;
            }
            byte[] fn = function(t);
            byte[] a = arguments(t);
            ByteBuffer b = ByteBuffer.allocate(prefix.length + HEADER + fn.length + a.length);
            b.put(prefix).putInt(MAGIC).put((byte) VERSION).putInt(fn.length).put(fn).put(a);
            return b.array();
        }

        /**
         * A node as a payload: a task {@link Payload#joined} to the head its function's other
         * tasks share (the prefix, the header and the function), so that a message carries the
         * function once; the bytes are those of {@link #write(Node, byte[])}.
         *
         * @param node a graph node
         * @param prefix bytes to put first (a code envelope's header); the same array for every
         *     node of a submission shares heads
         * @return its payload
         */
        public Payload payload(Node node, byte[] prefix) {
            if (!(node instanceof Task t)) {
                return Payload.wrap(write(node, prefix));
            }
            if (headsPrefix != prefix) {
                heads.clear();
                headsPrefix = prefix;
            }
            Payload head = heads.get(t.function());
            if (head == null) {
                byte[] fn = function(t);
                if (prefix.length + HEADER + fn.length >= Payload.LARGE) {
                    return Payload.wrap(write(node, prefix)); // a frame of its own for each task
                }
                ByteBuffer b = ByteBuffer.allocate(prefix.length + HEADER + fn.length);
                b.put(prefix).putInt(MAGIC).put((byte) VERSION).putInt(fn.length).put(fn);
                head = Payload.wrap(b.array());
                heads.put(t.function(), head);
            }
            return Payload.joined(head, Payload.wrap(arguments(t)));
        }

        private byte[] function(Task t) {
            byte[] fn = functions.get(t.function());
            if (fn == null) {
                fn = serialization.toBytes(t.function());
                functions.put(t.function(), fn);
            }
            return fn;
        }

        /** @return the arguments' form byte, then the arguments */
        private byte[] arguments(Task t) {
            Arg[] args = new Arg[t.arity()];
            for (int i = 0; i < args.length; i++) {
                args[i] = t.arg(i);
            }
            byte[] compact = CompactArgs.write(args);
            if (compact != null) {
                return compact;
            }
            byte[] a = serialization.toBytes(args);
            byte[] out = new byte[1 + a.length];
            out[0] = ARGS_SERIALIZED;
            System.arraycopy(a, 0, out, 1, a.length);
            return out;
        }
    }

    /**
     * Deserialized functions by their bytes, for one serialization (one class loader): at most
     * {@link #MAX_ENTRIES} functions of at most {@link #MAX_FUNCTION_BYTES} bytes each, the least
     * recently used dropped first. Thread-safe.
     */
    public static final class FunctionCache {
        /** Functions kept. */
        public static final int MAX_ENTRIES = 256;
        /** Larger functions are deserialized for each task. */
        public static final int MAX_FUNCTION_BYTES = 1 << 20;

        private record Last(ByteBuffer bytes, TaskFunction function) {}

        private final Serialization serialization;
        /**
         * The function read last: the tasks of one submission share one function, and comparing
         * its bytes (vectorized) is cheaper than hashing them for the table.
         */
        private volatile Last last;
        private final Map<ByteBuffer, Last> cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Last> eldest) {
                return size() > MAX_ENTRIES;
            }
        };

        /** @param serialization the serialization that reads the functions and arguments */
        public FunctionCache(Serialization serialization) {
            this.serialization = serialization;
        }

        /**
         * Reads a task in this format.
         *
         * @param key the task's key
         * @param body the payload's body, starting with the magic (position and limit not changed)
         * @return the task
         * @throws IllegalArgumentException when the bytes are cut short or of an unknown version
         */
        public Task read(Key key, ByteBuffer body) {
            ByteBuffer b = body.duplicate();
            return finish(key, functionBytes(key, b), b);
        }

        /**
         * Reads a task in this format whose bytes are in two parts, as a {@link Payload#joined}
         * payload of {@link Writer#payload} has them.
         *
         * @param key the task's key
         * @param head the magic, header and function, nothing else (position and limit not changed)
         * @param tail the rest: the arguments' form and the arguments (position and limit not changed)
         * @return the task
         * @throws IllegalArgumentException when the bytes are cut short, of an unknown version, or
         *     the head holds more than the function
         */
        public Task read(Key key, ByteBuffer head, ByteBuffer tail) {
            ByteBuffer h = head.duplicate();
            ByteBuffer fnBytes = functionBytes(key, h);
            if (h.hasRemaining()) {
                throw new IllegalArgumentException("the shared head of task " + key + "'s payload has " + h.remaining() + " bytes after its function");
            }
            return finish(key, fnBytes, tail.duplicate());
        }

        /** Reads the header and returns the function's bytes, {@code b} moved past them. */
        private static ByteBuffer functionBytes(Key key, ByteBuffer b) {
            if (b.remaining() < HEADER || b.getInt() != MAGIC) {
                throw new IllegalArgumentException("the payload of task " + key + " is not a task of " + HEADER + "+ bytes in the JDTF format");
            }
            int version = b.get() & 0xFF;
            if (version != VERSION) {
                throw new IllegalArgumentException("task payload version " + version + " of " + key + " is not supported (this jdask reads version "
                        + VERSION + ")");
            }
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new IllegalArgumentException("the function of task " + key + " (" + n + " bytes) is cut short at " + b.remaining() + " bytes");
            }
            ByteBuffer fnBytes = b.slice(b.position(), n);
            b.position(b.position() + n);
            return fnBytes;
        }

        /** The task of a function's bytes and the arguments in {@code b} (consumed). */
        private Task finish(Key key, ByteBuffer fnBytes, ByteBuffer b) {
            TaskFunction fn = function(key, fnBytes);
            if (!b.hasRemaining()) {
                throw new IllegalArgumentException("the payload of task " + key + " ends before its arguments");
            }
            byte format = b.get();
            if (format == ARGS_COMPACT) {
                return new Task(key, fn, CompactArgs.read(key, b));
            }
            if (format != ARGS_SERIALIZED) {
                throw new IllegalArgumentException("the arguments of task " + key + " are in an unknown format " + format);
            }
            Object args = serialization.fromBytes(bytes(b));
            if (!(args instanceof Arg[] a)) {
                throw new IllegalArgumentException("the arguments of task " + key + " are a " + (args == null ? "null" : args.getClass().getName())
                        + ", not an Arg[]");
            }
            return new Task(key, fn, a);
        }

        private TaskFunction function(Key key, ByteBuffer fnBytes) {
            boolean cacheable = fnBytes.remaining() <= MAX_FUNCTION_BYTES;
            if (cacheable) {
                Last l = last;
                if (l != null && l.bytes().equals(fnBytes)) {
                    return l.function();
                }
                synchronized (cache) {
                    Last hit = cache.get(fnBytes);
                    if (hit != null) {
                        last = hit;
                        return hit.function();
                    }
                }
            }
            Object o = serialization.fromBytes(bytes(fnBytes));
            if (!(o instanceof TaskFunction f)) {
                throw new IllegalArgumentException("the function of task " + key + " is a " + (o == null ? "null" : o.getClass().getName())
                        + ", not a TaskFunction");
            }
            if (cacheable) {
                Last entry = new Last(copy(fnBytes), f);
                synchronized (cache) {
                    Last earlier = cache.putIfAbsent(entry.bytes(), entry);
                    if (earlier != null) {
                        entry = earlier;
                    }
                }
                last = entry;
                return entry.function();
            }
            return f;
        }

        /** @return the number of functions held */
        public int size() {
            synchronized (cache) {
                return cache.size();
            }
        }

        /** @return a copy of the bytes: a key must not pin the whole payload it came from */
        private static ByteBuffer copy(ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return ByteBuffer.wrap(out);
        }

        private static byte[] bytes(ByteBuffer b) {
            if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
                return b.array();
            }
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
    }
}
