package io.jdask.distributed.worker.store;

import io.jdask.serialize.SerializationException;
import io.jdask.serialize.Serialized;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of one spill file: a header, then the value's frames as they are, written straight
 * from their buffers (no copy into one array) and read back into one buffer each.
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

    private SpillFiles() {}

    /**
     * @param file the file to create (must not exist)
     * @param value the serialized value
     * @return the bytes written
     * @throws IOException when writing fails (the caller deletes the partial file)
     */
    static long write(Path file, Serialized value) throws IOException {
        byte[] id = value.typeId().getBytes(StandardCharsets.UTF_8);
        List<ByteBuffer> frames = value.frames();
        ByteBuffer header = ByteBuffer.allocate(16 + id.length + 8 * frames.size());
        header.putInt(MAGIC).putInt(VERSION).putInt(id.length).put(id).putInt(frames.size());
        for (ByteBuffer f : frames) {
            header.putLong(f.remaining());
        }
        header.flip();
        ByteBuffer[] all = new ByteBuffer[frames.size() + 1];
        all[0] = header;
        long total = header.remaining();
        for (int i = 0; i < frames.size(); i++) {
            all[i + 1] = frames.get(i).duplicate();
            total += all[i + 1].remaining();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long written = 0;
            while (written < total) {
                written += ch.write(all);
            }
        }
        return total;
    }

    /**
     * @param file a file {@link #write} wrote
     * @return the serialized value
     * @throws IOException when reading fails
     * @throws SerializationException when the file is not a spill file or is truncated (the message
     *     names the file)
     */
    static Serialized read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
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
            List<ByteBuffer> frames = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                frames.add(readFully(ch, frameLengths[i], file));
            }
            return new Serialized(new String(id, StandardCharsets.UTF_8), frames);
        }
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
