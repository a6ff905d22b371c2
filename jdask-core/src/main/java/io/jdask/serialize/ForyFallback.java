package io.jdask.serialize;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.ForyBuilder;
import org.apache.fory.config.Language;
import org.apache.fory.logging.LoggerFactory;
import org.apache.fory.memory.MemoryBuffer;

/**
 * The general serializer built on Apache Fory in Java mode: reference tracking on (shared and
 * cyclic references survive), class registration not required, serializable lambdas supported.
 * Every class Fory meets, writing or reading, goes through the {@link AllowList} first.
 *
 * <p>Primitive arrays of 64 KiB or more inside the value leave Fory's stream as out-of-band
 * buffers and become frames of their own: frame 0 is Fory's stream, frames 1..n those buffers.
 *
 * <p>JVM flags: on JDK 25 it works without any, lambdas included (checked with Fory 0.13.0), but
 * the JDK then warns once that Fory calls {@code sun.misc.Unsafe}; the parent pom's
 * {@code jdask.jvm.flags} pass {@code -Dsun.misc.unsafe.memory.access=allow} to silence that (the
 * property form of JDK 23+'s option, which older JDKs ignore instead of refusing), and
 * open {@code java.lang.invoke} as Fory's documentation asks for lambdas.
 */
final class ForyFallback implements Fallback {
    static final String TYPE_ID = "jdask.fory";
    static final int OUT_OF_BAND_MIN_BYTES = 64 * 1024;

    static {
        LoggerFactory.useSlf4jLogging(true);
    }

    private final ThreadSafeFory fory;

    /**
     * @param allowList the classes it may handle
     * @param loader the class loader to resolve classes with, or null for Fory's default
     */
    ForyFallback(AllowList allowList, ClassLoader loader) {
        ForyBuilder b = new ForyBuilder()
                .withLanguage(Language.JAVA)
                .withRefTracking(true)
                .requireClassRegistration(false)
                .suppressClassRegistrationWarnings(true);
        if (loader != null) {
            b.withClassLoader(loader);
        }
        this.fory = b.buildThreadSafeFory();
        this.fory.setTypeChecker((resolver, className) -> {
            allowList.check(className);
            return true;
        });
    }

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public List<ByteBuffer> write(Object value) {
        if (value != null && value.getClass().isSynthetic() && value.getClass().getName().contains("$$Lambda")
                && !(value instanceof Serializable)) {
            throw new SerializationException("a lambda of "
                    + value.getClass().getName().replaceFirst("\\$\\$Lambda.*", "")
                    + " is not Serializable; use io.jdask.graph.TaskFunction or cast it, e.g."
                    + " (Function<A, B> & Serializable) x -> ...");
        }
        List<ByteBuffer> frames = new ArrayList<>(2);
        frames.add(null);
        byte[] stream;
        try {
            stream = fory.serialize(value, buffer -> {
                if (buffer.totalBytes() < OUT_OF_BAND_MIN_BYTES) {
                    return true;
                }
                frames.add(buffer.toBuffer().sliceAsByteBuffer());
                return false;
            });
        } catch (RuntimeException e) {
            ClassNotAllowedException refused = Serialization.refusal(e);
            if (refused != null) {
                throw refused;
            }
            String type = value == null ? "null" : value.getClass().getName();
            throw new SerializationException("cannot serialize a " + type + " with Fory: "
                    + Serialization.rootMessage(e), e);
        }
        frames.set(0, ByteBuffer.wrap(stream));
        return frames;
    }

    @Override
    public Object read(List<ByteBuffer> frames) {
        if (frames.isEmpty()) {
            throw new SerializationException("a '" + TYPE_ID + "' value needs at least one frame");
        }
        List<MemoryBuffer> outOfBand = new ArrayList<>(frames.size() - 1);
        for (int i = 1; i < frames.size(); i++) {
            outOfBand.add(MemoryBuffer.fromByteBuffer(frames.get(i).slice()));
        }
        return fory.deserialize(MemoryBuffer.fromByteBuffer(frames.get(0).slice()), outOfBand);
    }
}
