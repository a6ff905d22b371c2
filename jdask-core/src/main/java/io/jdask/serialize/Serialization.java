package io.jdask.serialize;

import io.jdask.config.Config;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns values into frames and back, for sending between processes and spilling to disk.
 *
 * <p>A value whose class has a {@link BlockSerializer} (core's primitive arrays and strings, or one
 * a collection registers through {@link java.util.ServiceLoader}) is written by it, as raw buffers.
 * Any other value goes to the general fallback named by the configuration key
 * {@code serialization.fallback}: Apache Fory ({@code "fory"}, the default) or JDK serialization
 * ({@code "java"}). Values written by either fallback can be read whatever the setting. The
 * fallbacks handle only classes whose names match the allow-list
 * {@code serialization.allowed-packages} (by default {@code java.}, {@code javax.},
 * {@code io.jdask.}); a lambda counts as the class that defines it, so add your application's
 * packages to ship your own tasks. A class outside the list fails, when written or read, with a
 * {@link ClassNotAllowedException} that names it and says how to allow it.
 *
 * <p>Instances are immutable and thread-safe. {@link #get()} is the shared instance, configured
 * from {@link Config}; {@link #builder()} makes others (tests, other allow-lists, a class loader per
 * client).
 *
 * <pre>{@code
 * Serialization s = Serialization.get();
 * Serialized out = s.serialize(new double[] {1, 2, 3});   // typeId "jdask.double[]", one frame
 * double[] back = (double[]) s.deserialize(out);
 * byte[] packed = s.toBytes(task);                         // header + frames in one array
 * }</pre>
 */
public final class Serialization {
    private static final Set<String> FALLBACK_IDS = Set.of(ForyFallback.TYPE_ID, JavaFallback.TYPE_ID);
    private static final String FALLBACK_KEY = "serialization.fallback";

    private static volatile Serialization shared;

    private final BlockRegistry blocks;
    private final AllowList allowList;
    private final ClassLoader loader;
    private final String writeWith;
    private final JavaFallback java;
    private final SizeEstimator sizes;
    private volatile ForyFallback fory;

    private Serialization(Builder b) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader discovery = b.classLoader != null ? b.classLoader
                : context != null ? context : Serialization.class.getClassLoader();
        this.loader = b.classLoader;
        this.blocks = new BlockRegistry(builtIns(b.frameBytes), b.blocks, b.discover ? discovery : null, FALLBACK_IDS);
        Supplier<List<String>> base = b.allowed != null ? () -> b.allowed : () -> Config.getList(AllowList.CONFIG_KEY);
        this.allowList = new AllowList(base, b.extraAllowed, b.allowed == null);
        String fallback = b.fallback != null ? b.fallback : Config.getString(FALLBACK_KEY);
        this.writeWith = switch (fallback == null ? "" : fallback.strip().toLowerCase(Locale.ROOT)) {
            case "fory" -> ForyFallback.TYPE_ID;
            case "java" -> JavaFallback.TYPE_ID;
            default -> throw new SerializationException("unknown fallback serializer '" + fallback + "'"
                    + (b.fallback == null ? " in configuration key " + FALLBACK_KEY : "") + "; use 'fory' or 'java'");
        };
        this.java = new JavaFallback(allowList, b.classLoader);
        this.sizes = new SizeEstimator(blocks::forValue, v -> serialize(v).totalBytes());
    }

    private static List<BlockSerializer<?>> builtIns(int frameBytes) {
        List<BlockSerializer<?>> all = new ArrayList<>(PrimitiveArrayBlocks.all(frameBytes));
        all.add(new StringBlock());
        all.addAll(ScalarBlocks.all());
        return all;
    }

    /**
     * The shared instance. It is built on first use from the configuration then in force: the
     * fallback ({@code serialization.fallback}) is fixed then, while the allow-list
     * ({@code serialization.allowed-packages}) is read again for each class not met before.
     *
     * @return the shared instance
     * @throws SerializationException when a registered block serializer cannot be loaded or the
     *     configured fallback is unknown
     */
    public static Serialization get() {
        Serialization s = shared;
        if (s == null) {
            synchronized (Serialization.class) {
                s = shared;
                if (s == null) {
                    s = builder().build();
                    shared = s;
                }
            }
        }
        return s;
    }

    /** @return a builder for an instance of its own */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param value any value, may be null
     * @return its type id and frames
     * @throws ClassNotAllowedException when the fallback meets a class outside the allow-list
     * @throws SerializationException when the value cannot be serialized
     */
    public Serialized serialize(Object value) {
        BlockSerializer<Object> block = value == null ? null : blocks.forValue(value);
        if (block != null) {
            try {
                return new Serialized(block.typeId(), block.toFrames(value));
            } catch (SerializationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SerializationException("block serializer '" + block.typeId() + "' failed to write a "
                        + value.getClass().getTypeName() + ": " + rootMessage(e), e);
            }
        }
        Fallback f = writeWith.equals(ForyFallback.TYPE_ID) ? fory() : java;
        return new Serialized(f.typeId(), f.write(value));
    }

    /**
     * @param serialized what {@link #serialize} made, here or in another process; its frames are
     *     not modified
     * @return the value
     * @throws ClassNotAllowedException when it holds a class outside the allow-list
     * @throws SerializationException when the type id is unknown here or the frames are corrupt
     */
    public Object deserialize(Serialized serialized) {
        String id = serialized.typeId();
        List<ByteBuffer> frames = new ArrayList<>(serialized.frames().size());
        for (ByteBuffer f : serialized.frames()) {
            frames.add(f.duplicate());
        }
        BlockSerializer<Object> block = blocks.forId(id);
        Fallback fallback = id.equals(ForyFallback.TYPE_ID) ? fory() : id.equals(JavaFallback.TYPE_ID) ? java : null;
        if (block == null && fallback == null) {
            throw new SerializationException("unknown type id '" + id
                    + "': no block serializer for it on this class path"
                    + " (known: " + blocks.ids() + " and the fallbacks " + FALLBACK_IDS + ")");
        }
        try {
            return block != null ? block.fromFrames(frames) : fallback.read(frames);
        } catch (RuntimeException e) {
            ClassNotAllowedException refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("cannot deserialize a '" + id + "' value of " + serialized.totalBytes()
                    + " bytes in " + frames.size() + " frames: " + rootMessage(e), e);
        }
    }

    /**
     * The bytes {@link #toBytes} would make for a value, produced on demand slice by slice from the
     * value itself: a block whose serializer has {@link BlockSerializer#toFrameSources} is never
     * copied whole; other values are serialized now and their frames wrapped.
     *
     * @param value any value, may be null; it must not change while the source is used
     * @return the source of its packed bytes
     * @throws SerializationException when the value cannot be serialized or exceeds one array
     */
    public FrameSource packedSource(Object value) {
        byte[] scalar = ScalarBlocks.pack(value);
        if (scalar != null) {
            return FrameSource.of(ByteBuffer.wrap(scalar));
        }
        SerializedSources s = serializeSources(value);
        long[] lengths = new long[s.frames().size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = s.frames().get(i).length();
        }
        List<FrameSource> parts = new ArrayList<>(lengths.length + 1);
        parts.add(FrameSource.of(FrameFormat.header(s.typeId(), lengths)));
        parts.addAll(s.frames());
        return FrameSource.concat(parts);
    }

    /**
     * Like {@link #serialize}, with frames produced on demand: a block whose serializer has {@link
     * BlockSerializer#toFrameSources} is read from its own arrays as the frames are copied out;
     * other values are serialized now and their frames wrapped.
     *
     * @param value any value, may be null; it must not change while the sources are used
     * @return its type id and frame sources
     * @throws ClassNotAllowedException when the fallback meets a class outside the allow-list
     * @throws SerializationException when the value cannot be serialized
     */
    public SerializedSources serializeSources(Object value) {
        BlockSerializer<Object> block = value == null ? null : blocks.forValue(value);
        if (block != null) {
            try {
                return new SerializedSources(block.typeId(), block.toFrameSources(value));
            } catch (SerializationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SerializationException("block serializer '" + block.typeId() + "' failed to write a "
                        + value.getClass().getTypeName() + ": " + rootMessage(e), e);
            }
        }
        Serialized s = serialize(value);
        List<FrameSource> frames = new ArrayList<>(s.frames().size());
        for (ByteBuffer f : s.frames()) {
            frames.add(FrameSource.of(f));
        }
        return new SerializedSources(s.typeId(), frames);
    }

    /**
     * A sink that rebuilds a block from its frames' bytes as they arrive (see {@link BlockSink}),
     * when the type's serializer reads streams.
     *
     * @param typeId the value's type id
     * @param frameLengths the lengths of its frames
     * @return the sink, or empty for a type read whole (unknown here, a fallback, or a serializer
     *     without {@link BlockSerializer#newSink})
     * @throws SerializationException when the frame lengths cannot be those of such a block
     */
    public Optional<BlockSink<Object>> blockSink(String typeId, long[] frameLengths) {
        BlockSerializer<Object> block = blocks.forId(typeId);
        return block == null ? Optional.empty() : Optional.ofNullable(block.newSink(frameLengths));
    }

    /**
     * A sink that reads a value from the bytes {@link #toBytes} wrote as they arrive, straight
     * into the block's own arrays, for a block whose serializer reads streams ({@link
     * BlockSerializer#newSink}). Other values (an unknown or fallback type, bytes not in jdask's
     * format, a header longer than {@code head}) give an empty result: read them whole.
     *
     * @param head the first bytes of the value, at least its whole header (not consumed; give
     *     them to the sink again)
     * @param length the number of bytes of the whole value
     * @return the sink, which takes all {@code length} bytes from the first
     * @throws SerializationException when the header is corrupt or its frames do not add up to
     *     {@code length}
     */
    public Optional<BlockSink<Object>> packedSink(ByteBuffer head, long length) {
        FrameFormat.Header h = FrameFormat.peek(head);
        if (h == null) {
            return Optional.empty();
        }
        BlockSerializer<Object> block = blocks.forId(h.typeId());
        if (block == null) {
            return Optional.empty();
        }
        if (h.totalBytes() != length) {
            throw new SerializationException("cannot read " + length + " bytes of a serialized '" + h.typeId()
                    + "': its header announces " + h.totalBytes());
        }
        BlockSink<Object> sink = block.newSink(h.lengths());
        return sink == null ? Optional.empty() : Optional.of(new PackedSink(h, sink));
    }

    /**
     * Serializes a value into one self-describing byte array, see {@link Serialized#toBytes()}.
     *
     * @param value any value, may be null
     * @return the bytes
     * @throws SerializationException when the value cannot be serialized or exceeds one array
     */
    public byte[] toBytes(Object value) {
        byte[] scalar = ScalarBlocks.pack(value); // the same bytes, without the general path's objects
        return scalar != null ? scalar : serialize(value).toBytes();
    }

    /**
     * Reads a value from what {@link #toBytes} wrote.
     *
     * @param bytes the bytes
     * @return the value
     * @throws SerializationException when the bytes are truncated or corrupt (the message says
     *     which) or the value cannot be deserialized
     */
    public Object fromBytes(byte[] bytes) {
        if (bytes != null) {
            Object scalar = ScalarBlocks.unpack(bytes, 0, bytes.length);
            if (scalar != ScalarBlocks.NOT_SCALAR) {
                return scalar;
            }
        }
        return deserialize(Serialized.fromBytes(bytes));
    }

    /**
     * Reads a value from what {@link #toBytes} wrote, held in part of an array (a message that
     * carries it after other bytes). A boxed number or boolean is read in place; other values from
     * the array itself when the part is all of it, else from a copy of the part.
     *
     * @param bytes the array
     * @param from where the value's bytes start
     * @param length how many there are
     * @return the value
     * @throws IndexOutOfBoundsException when the part is not inside the array
     * @throws SerializationException when the bytes are truncated or corrupt (the message says
     *     which) or the value cannot be deserialized
     */
    public Object fromBytes(byte[] bytes, int from, int length) {
        Objects.checkFromIndexSize(from, length, bytes.length);
        Object scalar = ScalarBlocks.unpack(bytes, from, length);
        if (scalar != ScalarBlocks.NOT_SCALAR) {
            return scalar;
        }
        return deserialize(Serialized.fromBytes(from == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, from, from + length)));
    }

    /**
     * The memory a value occupies: exact for blocks ({@link BlockSerializer#sizeOf}); computed
     * from the heap layout for boxed numbers and primitive arrays; for collections, maps and object
     * arrays, estimated from a sample of up to 16 elements; for other objects, the length of their
     * serialized form (which costs a serialization), or 64 when they cannot be serialized.
     *
     * @param value any value, may be null (size 0)
     * @return its size in bytes
     */
    public long sizeOf(Object value) {
        return sizes.sizeOf(value);
    }

    private ForyFallback fory() {
        ForyFallback f = fory;
        if (f == null) {
            synchronized (this) {
                f = fory;
                if (f == null) {
                    f = new ForyFallback(allowList, loader);
                    fory = f;
                }
            }
        }
        return f;
    }

    /** @return the first {@link ClassNotAllowedException} in the cause chain, or null */
    static ClassNotAllowedException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClassNotAllowedException c) {
                return c;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** @return the message of the innermost cause, with its class */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e) : e + " (caused by " + root + ")";
    }

    /** Builds a {@link Serialization} with its own allow-list, fallback or block serializers. */
    public static final class Builder {
        private List<String> allowed;
        private final List<String> extraAllowed = new ArrayList<>();
        private String fallback;
        private ClassLoader classLoader;
        private final List<BlockSerializer<?>> blocks = new ArrayList<>();
        private boolean discover = true;
        private int frameBytes = PrimitiveArrayBlocks.DEFAULT_FRAME_BYTES;

        private Builder() {}

        /**
         * Replaces the allow-list, which otherwise follows {@code serialization.allowed-packages}.
         *
         * @param prefixes package or class name prefixes, e.g. {@code "java."}, {@code "com.acme."}
         * @return this builder
         */
        public Builder allowedPackages(Collection<String> prefixes) {
            this.allowed = List.copyOf(prefixes);
            return this;
        }

        /**
         * Adds prefixes to the allow-list (configured or given).
         *
         * @param prefixes package or class name prefixes, e.g. {@code "com.acme."}
         * @return this builder
         */
        public Builder allowPackages(String... prefixes) {
            extraAllowed.addAll(Arrays.asList(prefixes));
            return this;
        }

        /**
         * @param name {@code "fory"} or {@code "java"}; otherwise {@code serialization.fallback}
         * @return this builder
         */
        public Builder fallback(String name) {
            this.fallback = name;
            return this;
        }

        /**
         * @param loader resolves classes when reading and finds block serializers; by default the
         *     thread's context class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * @param serializer a block serializer to use besides core's and those found through
         *     {@link java.util.ServiceLoader}
         * @return this builder
         */
        public Builder register(BlockSerializer<?> serializer) {
            blocks.add(serializer);
            return this;
        }

        /**
         * @param discover whether to find block serializers through {@link java.util.ServiceLoader}
         *     (default true)
         * @return this builder
         */
        public Builder discoverBlockSerializers(boolean discover) {
            this.discover = discover;
            return this;
        }

        Builder frameBytes(int bytes) {
            this.frameBytes = bytes;
            return this;
        }

        /**
         * @return the instance
         * @throws SerializationException when two block serializers claim the same type or id, a
         *     registered one cannot be loaded, or the fallback is unknown
         */
        public Serialization build() {
            return new Serialization(this);
        }
    }
}
