package io.jdask.serialize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.lang.invoke.SerializedLambda;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The general serializer built on JDK serialization: slower and larger than Fory, and classes must
 * be {@link java.io.Serializable}, but it needs no JVM flags. Every class written or read goes
 * through the {@link AllowList}; reading checks a class before loading it.
 */
final class JavaFallback implements Fallback {
    static final String TYPE_ID = "jdask.java";

    private final AllowList allowList;
    private final ClassLoader loader;

    /**
     * @param allowList the classes it may handle
     * @param loader the class loader to resolve classes with, or null for the context class loader
     */
    JavaFallback(AllowList allowList, ClassLoader loader) {
        this.allowList = allowList;
        this.loader = loader;
    }

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public List<ByteBuffer> write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CheckedOutput out = new CheckedOutput(bytes, allowList)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new SerializationException("cannot serialize with JDK serialization: " + e.getMessage()
                    + " does not implement java.io.Serializable (or set serialization.fallback to fory)", e);
        } catch (IOException e) {
            throw new SerializationException("cannot serialize a " + value.getClass().getName()
                    + " with JDK serialization: " + e, e);
        }
        return List.of(ByteBuffer.wrap(bytes.toByteArray()));
    }

    @Override
    public Object read(List<ByteBuffer> frames) {
        if (frames.size() != 1) {
            throw new SerializationException("a '" + TYPE_ID + "' value has one frame, not " + frames.size());
        }
        try (CheckedInput in = new CheckedInput(new BufferInput(frames.get(0)), allowList, loader)) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new SerializationException("cannot deserialize: class " + e.getMessage()
                    + " is not on this class path", e);
        } catch (IOException e) {
            throw new SerializationException("cannot deserialize with JDK serialization: " + e, e);
        }
    }

    /** Checks each object's class, and a lambda's defining class, before writing it. */
    private static final class CheckedOutput extends ObjectOutputStream {
        private final AllowList allowList;

        CheckedOutput(OutputStream out, AllowList allowList) throws IOException {
            super(out);
            this.allowList = allowList;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof SerializedLambda lambda) {
                allowList.check(lambda.getCapturingClass().replace('/', '.') + "$$Lambda");
            } else if (obj != null) {
                allowList.check(obj.getClass().getName());
            }
            return obj;
        }
    }

    /** Checks each class against the allow-list before loading it, with a chosen class loader. */
    private static final class CheckedInput extends ObjectInputStream {
        private final AllowList allowList;
        private final ClassLoader loader;

        CheckedInput(InputStream in, AllowList allowList, ClassLoader loader) throws IOException {
            super(in);
            this.allowList = allowList;
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            allowList.check(desc.getName());
            ClassLoader l = loader != null ? loader : Thread.currentThread().getContextClassLoader();
            if (l == null) {
                return super.resolveClass(desc);
            }
            try {
                return Class.forName(desc.getName(), false, l);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
            for (String i : interfaces) {
                allowList.check(i);
            }
            return super.resolveProxyClass(interfaces);
        }
    }

    /** Reads a buffer's remaining bytes without copying them. */
    private static final class BufferInput extends InputStream {
        private final ByteBuffer buffer;

        BufferInput(ByteBuffer buffer) {
            this.buffer = buffer.slice();
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }
}
