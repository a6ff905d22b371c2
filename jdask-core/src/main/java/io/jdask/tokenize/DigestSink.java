package io.jdask.tokenize;

import io.jdask.config.Config;
import io.jdask.graph.Key;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link TokenSink} that feeds an MD5 digest; each value is preceded by a type tag. */
final class DigestSink implements TokenSink {
    private static final int MAX_DEPTH = 64;

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    });

    private final MessageDigest md;
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private int depth;

    /**
     * Uses this thread's digest unless a token is already being computed on this thread (tokens of
     * set elements and map entries nest); then a fresh one. Call {@link #release()} when done.
     */
    DigestSink() {
        MessageDigest d = DIGESTS.get();
        if (IN_USE.get()) {
            try {
                d = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("MD5 is not available in this JVM", e);
            }
            owner = false;
        } else {
            IN_USE.set(true);
            d.reset();
            owner = true;
        }
        md = d;
    }

    private static final ThreadLocal<Boolean> IN_USE = ThreadLocal.withInitial(() -> false);
    private final boolean owner;

    void release() {
        if (owner) {
            IN_USE.set(false);
        }
    }

    String hex() {
        byte[] d = md.digest();
        ByteBuffer b = ByteBuffer.wrap(d);
        return Tokens.hex(b.getLong(), b.getLong());
    }

    private void tag(char t) {
        md.update((byte) t);
    }

    @Override
    public TokenSink putBytes(byte[] value) {
        putLong(value.length);
        md.update(value);
        return this;
    }

    @Override
    public TokenSink putLong(long value) {
        scratch.clear();
        scratch.putLong(value);
        md.update(scratch.array(), 0, 8);
        return this;
    }

    @Override
    public TokenSink putString(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        putLong(b.length);
        md.update(b);
        return this;
    }

    @Override
    public TokenSink put(Object v) {
        if (++depth > MAX_DEPTH) {
            depth--;
            return nonDeterministic(v, "it is nested more than " + MAX_DEPTH + " levels deep (a cycle?)");
        }
        try {
            putValue(v);
        } finally {
            depth--;
        }
        return this;
    }

    private void putValue(Object v) {
        switch (v) {
            case null -> tag('N');
            case String s -> {
                tag('S');
                putString(s);
            }
            case Integer i -> {
                tag('i');
                putLong(i);
            }
            case Long l -> {
                tag('l');
                putLong(l);
            }
            case Double d -> {
                tag('d');
                putLong(Double.doubleToLongBits(d));
            }
            case Float f -> {
                tag('f');
                putLong(Float.floatToIntBits(f));
            }
            case Short s -> {
                tag('h');
                putLong(s);
            }
            case Byte b -> {
                tag('b');
                putLong(b);
            }
            case Character c -> {
                tag('c');
                putLong(c);
            }
            case Boolean b -> {
                tag('z');
                putLong(b ? 1 : 0);
            }
            case Key k -> {
                tag('K');
                putString(k.name());
                putLong(k.ndim());
                for (int i = 0; i < k.ndim(); i++) {
                    putLong(k.index(i));
                }
            }
            case Tokenizable t -> {
                tag('T');
                putString(t.getClass().getName());
                t.tokenize(this);
            }
            case Enum<?> e -> {
                tag('E');
                putString(e.getDeclaringClass().getName());
                putString(e.name());
            }
            case Class<?> c -> {
                tag('C');
                putString(c.getName());
            }
            case Optional<?> o -> {
                tag('O');
                put(o.orElse(null));
            }
            case Map.Entry<?, ?> e -> {
                tag('e');
                put(e.getKey());
                put(e.getValue());
            }
            case List<?> l -> {
                tag('L');
                putLong(l.size());
                for (Object o : l) {
                    put(o);
                }
            }
            case Set<?> s -> unordered('U', s);
            case Map<?, ?> m -> putMap(m);
            case Collection<?> c -> {
                tag('Q');
                putString(c.getClass().getName());
                putLong(c.size());
                for (Object o : c) {
                    put(o);
                }
            }
            default -> putOther(v);
        }
    }

    private void putOther(Object v) {
        Class<?> c = v.getClass();
        if (c.isArray()) {
            putArray(v, c.getComponentType());
        } else if (c.isRecord()) {
            tag('R');
            putString(c.getName());
            for (RecordComponent rc : c.getRecordComponents()) {
                try {
                    var accessor = rc.getAccessor();
                    accessor.setAccessible(true);
                    put(accessor.invoke(v));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    nonDeterministic(v, "its component " + rc.getName() + " could not be read: " + e);
                    return;
                }
            }
        } else {
            putFunction(v);
        }
    }

    /**
     * Adds a function (or any other object) by identity of what it does: serializable lambdas by
     * implementation method and captured values; other serializable objects by serialized form.
     */
    void putFunction(Object fn) {
        if (fn instanceof Tokenizable || fn == null || fn.getClass().isRecord() || fn.getClass().isArray()) {
            put(fn);
            return;
        }
        SerializedLambda sl = FunctionIdentity.lambda(fn);
        if (sl != null) {
            tag('F');
            putString(sl.getImplClass());
            putString(sl.getImplMethodName());
            putString(sl.getImplMethodSignature());
            putLong(sl.getImplMethodKind());
            putString(sl.getFunctionalInterfaceClass());
            putLong(sl.getCapturedArgCount());
            for (int i = 0; i < sl.getCapturedArgCount(); i++) {
                put(sl.getCapturedArg(i));
            }
            return;
        }
        Class<?> c = fn.getClass();
        if (fn instanceof Serializable && !c.isSynthetic()) {
            tag('J');
            putString(c.getName());
            try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                    ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(fn);
                out.flush();
                md.update(bytes.toByteArray());
                return;
            } catch (NotSerializableException e) {
                nonDeterministic(fn, "it holds a value that is not serializable (" + e.getMessage() + ")");
                return;
            } catch (IOException | RuntimeException e) {
                nonDeterministic(fn, "it could not be serialized: " + e);
                return;
            }
        }
        if (c.getDeclaredFields().length == 0 && !c.isSynthetic() && !c.isAnonymousClass()) {
            tag('X');
            putString(c.getName());
            return;
        }
        nonDeterministic(fn, "it is neither a serializable lambda, a record, Tokenizable nor Serializable");
    }

    private void putArray(Object a, Class<?> component) {
        tag('A');
        putString(component.getName());
        int n = Array.getLength(a);
        putLong(n);
        if (component == byte.class) {
            md.update((byte[]) a);
        } else if (component.isPrimitive()) {
            int width = component == double.class || component == long.class ? 8
                    : component == int.class || component == float.class ? 4
                    : component == boolean.class ? 1 : 2;
            ByteBuffer buf = ByteBuffer.allocate(Math.min(n, 8192) * width).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < n; start += 8192) {
                int end = Math.min(n, start + 8192);
                buf.clear();
                fill(buf, a, component, start, end);
                md.update(buf.array(), 0, buf.position());
            }
        } else {
            for (Object o : (Object[]) a) {
                put(o);
            }
        }
    }

    private static void fill(ByteBuffer buf, Object a, Class<?> c, int start, int end) {
        if (c == double.class) {
            buf.asDoubleBuffer().put((double[]) a, start, end - start);
            buf.position((end - start) * 8);
        } else if (c == long.class) {
            buf.asLongBuffer().put((long[]) a, start, end - start);
            buf.position((end - start) * 8);
        } else if (c == int.class) {
            buf.asIntBuffer().put((int[]) a, start, end - start);
            buf.position((end - start) * 4);
        } else if (c == float.class) {
            buf.asFloatBuffer().put((float[]) a, start, end - start);
            buf.position((end - start) * 4);
        } else if (c == short.class) {
            buf.asShortBuffer().put((short[]) a, start, end - start);
            buf.position((end - start) * 2);
        } else if (c == char.class) {
            buf.asCharBuffer().put((char[]) a, start, end - start);
            buf.position((end - start) * 2);
        } else {
            boolean[] b = (boolean[]) a;
            for (int i = start; i < end; i++) {
                buf.put((byte) (b[i] ? 1 : 0));
            }
        }
    }

    private void unordered(char t, Collection<?> items) {
        tag(t);
        putLong(items.size());
        List<String> tokens = new ArrayList<>(items.size());
        for (Object o : items) {
            tokens.add(Tokens.token(o));
        }
        tokens.sort(null);
        for (String s : tokens) {
            putString(s);
        }
    }

    private void putMap(Map<?, ?> m) {
        tag('M');
        putLong(m.size());
        boolean ordered = m instanceof java.util.SortedMap<?, ?>;
        if (ordered) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                put(e.getKey());
                put(e.getValue());
            }
            return;
        }
        String[] entries = new String[m.size()];
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            entries[i++] = Tokens.token(e.getKey(), e.getValue());
        }
        Arrays.sort(entries);
        for (String s : entries) {
            putString(s);
        }
    }

    private TokenSink nonDeterministic(Object v, String why) {
        if (ensureDeterministic()) {
            throw new NonDeterministicTokenException(
                    "cannot tokenize an object of " + v.getClass().getName() + " deterministically: " + why
                            + " (config tokenize.ensure-deterministic is on)");
        }
        tag('?');
        putString(Tokens.random());
        return this;
    }

    private static boolean ensureDeterministic() {
        try {
            return Config.getBoolean("tokenize.ensure-deterministic");
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
