package io.jdask.distributed.protocol;

import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A task's arguments written without a serializer when each is a reference to a key or a literal
 * {@code null}, {@link Integer}, {@link Long}, {@link Double}, {@link String} or {@link Boolean}:
 * written after {@link TaskPayloads}' form byte, an int32 count, then per argument a tag byte and its value (big-endian numbers; a string as an
 * int32 byte count and UTF-8; a key as its name, an int32 count and the indices). Any other
 * argument (another class, a list of arguments) leaves the whole array to core's serialization.
 */
final class CompactArgs {
    private static final int REF = 1;
    private static final int NULL = 2;
    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int DOUBLE = 5;
    private static final int STRING = 6;
    private static final int TRUE = 7;
    private static final int FALSE = 8;

    private CompactArgs() {}

    /**
     * @return the form byte {@link TaskPayloads#ARGS_COMPACT}, then the arguments' bytes; or null
     *     when one of them has no compact form
     */
    static byte[] write(Arg[] args) {
        for (Arg a : args) {
            if (!compact(a)) {
                return null;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + 16 * args.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(TaskPayloads.ARGS_COMPACT);
            out.writeInt(args.length);
            for (Arg a : args) {
                switch (a) {
                    case Arg.Ref r -> {
                        out.writeByte(REF);
                        string(out, r.key().name());
                        int[] index = r.key().indices();
                        out.writeInt(index.length);
                        for (int i : index) {
                            out.writeInt(i);
                        }
                    }
                    case Arg.Value v -> value(out, v.value());
                    default -> throw new IllegalStateException("not compact: " + a);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    private static boolean compact(Arg a) {
        if (a instanceof Arg.Ref) {
            return true;
        }
        if (a instanceof Arg.Value v) {
            Object o = v.value();
            return o == null || o instanceof Integer || o instanceof Long || o instanceof Double || o instanceof String || o instanceof Boolean;
        }
        return false;
    }

    private static void value(DataOutputStream out, Object o) throws IOException {
        switch (o) {
            case null -> out.writeByte(NULL);
            case Integer i -> {
                out.writeByte(INT);
                out.writeInt(i);
            }
            case Long l -> {
                out.writeByte(LONG);
                out.writeLong(l);
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            }
            case String s -> {
                out.writeByte(STRING);
                string(out, s);
            }
            case Boolean b -> out.writeByte(b ? TRUE : FALSE);
            default -> throw new IllegalStateException("not compact: " + o.getClass().getName());
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * @param key the task (for messages)
     * @param b the bytes from the count on, after the form byte (consumed)
     * @return the arguments
     * @throws IllegalArgumentException when the bytes are cut short, have bytes left over or an unknown tag
     */
    static Arg[] read(Key key, ByteBuffer b) {
        try {
            int n = count(key, b, "arguments");
            Arg[] args = new Arg[n];
            for (int i = 0; i < n; i++) {
                int tag = b.get();
                args[i] = switch (tag) {
                    case REF -> {
                        String name = string(key, b);
                        int[] index = new int[count(key, b, "key indices")];
                        for (int j = 0; j < index.length; j++) {
                            index[j] = b.getInt();
                        }
                        yield Arg.ref(Key.of(name, index));
                    }
                    case NULL -> Arg.value(null);
                    case INT -> Arg.value(b.getInt());
                    case LONG -> Arg.value(b.getLong());
                    case DOUBLE -> Arg.value(b.getDouble());
                    case STRING -> Arg.value(string(key, b));
                    case TRUE -> Arg.value(Boolean.TRUE);
                    case FALSE -> Arg.value(Boolean.FALSE);
                    default -> throw new IllegalArgumentException("argument " + i + " of task " + key + " has an unknown tag " + tag);
                };
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException("the arguments of task " + key + " are followed by " + b.remaining() + " unread bytes");
            }
            return args;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("the arguments of task " + key + " are cut short");
        }
    }

    private static int count(Key key, ByteBuffer b, String what) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad count " + n + " of " + what + " of task " + key);
        }
        return n;
    }

    private static String string(Key key, ByteBuffer b) {
        int n = count(key, b, "string bytes");
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
