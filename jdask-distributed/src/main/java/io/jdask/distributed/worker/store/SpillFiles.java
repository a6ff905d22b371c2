package io.jdask.distributed.worker.store;

import io.jdask.serialize.BlockSink;
import io.jdask.serialize.FrameSource;
import io.jdask.serialize.Serialization;
import io.jdask.serialize.SerializationException;
import io.jdask.serialize.Serialized;
import io.jdask.serialize.SerializedSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout of one spill file: a header, then the value's frames as they are. A value is written
 * from its frame sources through a buffer of at most {@link #SLICE} bytes, straight from a block's
 * own arrays (no copy of the whole block); a block whose serializer reads streams is read back
 * through such a buffer straight into its new arrays, other values into one buffer per frame.
 *
 * <pre>
 *   int    magic "JDSP"
 *   int    version (1)
 *   int    type id length n, then n bytes of UTF-8 type id
 *   int    frame count k
 *   long   k frame lengths
 *   bytes  frame 0 .. frame k-1
 * </pre>
 * All numbers are big-endian.
 */
final class SpillFiles {
    static final int MAGIC = 0x4A445350; // "JDSP"
    static final int VERSION = 1;
    private static final int MAX_TYPE_ID = 1024;
    private static final int MAX_FRAMES = 1 << 20;

    /** The largest buffer a large frame goes through on its way to or from the disk. */
    static final int SLICE = 1 << 20;

    private SpillFiles() {}

    /**
     * @param file the file to create (must not exist)
     * @param value the value's frame sources
     * @return the bytes written
     * @throws IOException when writing fails (the caller deletes the partial file)
     */
    static long write(Path file, SerializedSources value) throws IOException {
        byte[] id = value.typeId().getBytes(StandardCharsets.UTF_8);
        List<FrameSource> frames = value.frames();
        ByteBuffer header = ByteBuffer.allocate(16 + id.length + 8 * frames.size());
        header.putInt(MAGIC).putInt(VERSION).putInt(id.length).put(id).putInt(frames.size());
        long largest = 0;
        for (FrameSource f : frames) {
            header.putLong(f.length());
            largest = Math.max(largest, f.length());
        }
        header.flip();
        long total = header.remaining();
        ByteBuffer slice = ByteBuffer.allocate((int) Math.min(SLICE, Math.max(largest, 1)));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(ch, header);
            for (FrameSource f : frames) {
                for (long at = 0; at < f.length(); ) {
                    int n = (int) Math.min(slice.capacity(), f.length() - at);
                    slice.clear().limit(n);
                    f.copyTo(at, slice);
                    writeFully(ch, slice.flip());
                    at += n;
                }
                total += f.length();
            }
        }
        return total;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /**
     * Reads a value back: a block whose serializer reads streams goes straight into its arrays;
     * other values are read into their frames and deserialized.
     *
     * @param file a file {@link #write} wrote
     * @param serialization the serialization that wrote it
     * @return the value
     * @throws IOException when reading fails
     * @throws SerializationException when the file is not a spill file, is truncated, or holds
     *     bytes that cannot be the value (the message names the file)
     */
    static Object readValue(Path file, Serialization serialization) throws IOException {
        return read(file, serialization, false);
    }

    /**
     * Reads a value back to send it on: a block whose serializer reads streams goes straight into
     * its arrays; other values come back as their frames ({@link DataStore.Packed}), not deserialized.
     *
     * @param file a file {@link #write} wrote
     * @param serialization the serialization that wrote it
     * @return the value or its frames
     * @throws IOException when reading fails
     * @throws SerializationException as {@link #readValue} says
     */
    static Object readForReply(Path file, Serialization serialization) throws IOException {
        return read(file, serialization, true);
    }

    private static Object read(Path file, Serialization serialization, boolean packed) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file);
            try {
                return readFrames(ch, h, serialization, file, packed);
            } catch (SerializationException e) {
                throw e.getMessage() != null && e.getMessage().startsWith("spill file ") ? e
                        : new SerializationException("spill file " + file + " is corrupt: " + e.getMessage(), e);
            }
        }
    }

    private static Object readFrames(FileChannel ch, Header h, Serialization serialization, Path file, boolean packed) throws IOException {
        Optional<BlockSink<Object>> sink = serialization.blockSink(h.typeId(), h.lengths());
        if (sink.isEmpty()) {
            List<ByteBuffer> frames = new ArrayList<>(h.lengths().length);
            for (long len : h.lengths()) {
                frames.add(readFully(ch, len, file));
            }
            Serialized s = new Serialized(h.typeId(), frames);
            return packed ? new DataStore.Packed(s) : serialization.deserialize(s);
        }
        long data = ch.size() - ch.position();
        ByteBuffer slice = ByteBuffer.allocate((int) Math.min(SLICE, Math.max(data, 1)));
        for (long at = 0; at < data; ) {
            slice.clear().limit((int) Math.min(slice.capacity(), data - at));
            while (slice.hasRemaining()) {
                if (ch.read(slice) < 0) {
                    throw corrupt(file, "it ends early");
                }
            }
            at += slice.position();
            sink.get().accept(slice.flip());
        }
        return sink.get().finish();
    }

    private record Header(String typeId, long[] lengths) {}

    /**
     * @param file a file {@link #write} wrote
     * @return the serialized value
     * @throws IOException when reading fails
     * @throws SerializationException when the file is not a spill file or is truncated (the message
     *     names the file)
     */
    static Serialized read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file);
            List<ByteBuffer> frames = new ArrayList<>(h.lengths().length);
            for (long len : h.lengths()) {
                frames.add(readFully(ch, len, file));
            }
            return new Serialized(h.typeId(), frames);
        }
    }

    /** Reads and checks the header; the channel is left at the first frame. */
    private static Header header(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        ByteBuffer fixed = readFully(ch, 12, file);
        if (fixed.getInt() != MAGIC) {
            throw corrupt(file, "it does not start with the spill file magic");
        }
        int version = fixed.getInt();
        if (version != VERSION) {
            throw corrupt(file, "version " + version + " is not " + VERSION);
        }
        int idLength = fixed.getInt();
        if (idLength <= 0 || idLength > MAX_TYPE_ID) {
            throw corrupt(file, "type id length " + idLength);
        }
        ByteBuffer idAndCount = readFully(ch, idLength + 4, file);
        byte[] id = new byte[idLength];
        idAndCount.get(id);
        int count = idAndCount.getInt();
        if (count < 0 || count > MAX_FRAMES) {
            throw corrupt(file, "frame count " + count);
        }
        ByteBuffer lengths = readFully(ch, 8L * count, file);
        long expected = 16L + idLength + 8L * count;
        long[] frameLengths = new long[count];
        for (int i = 0; i < count; i++) {
            frameLengths[i] = lengths.getLong();
            if (frameLengths[i] < 0 || frameLengths[i] > Integer.MAX_VALUE - 16) {
                throw corrupt(file, "frame " + i + " length " + frameLengths[i]);
            }
            expected += frameLengths[i];
        }
        if (expected != size) {
            throw corrupt(file, "its header announces " + expected + " bytes but it has " + size);
        }
        return new Header(new String(id, StandardCharsets.UTF_8), frameLengths);
    }

    private static ByteBuffer readFully(FileChannel ch, long n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw corrupt(file, "it ends early");
            }
        }
        return b.flip();
    }

    private static SerializationException corrupt(Path file, String why) {
        return new SerializationException("spill file " + file + " is corrupt: " + why);
    }
}
