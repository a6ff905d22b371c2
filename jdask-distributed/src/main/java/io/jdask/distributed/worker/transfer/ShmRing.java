package io.jdask.distributed.worker.transfer;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A single-producer, single-consumer byte ring in a memory-mapped file, shared by two processes on
 * one host (or two threads of one). The file holds a header page and then the ring's bytes:
 *
 * <pre>
 *   offset 0    long magic "JDSKRING"
 *   offset 8    long nonce (written by the creator, checked by the opener)
 *   offset 16   long capacity (bytes of the ring)
 *   offset 128  long head: bytes written so far (producer, release)
 *   offset 256  long tail: bytes read so far (consumer, release)
 *   offset 384  long aborted: non-zero once either side gave up
 *   offset 4096 the ring's bytes
 * </pre>
 *
 * Head and tail only grow; the producer publishes its bytes with a release store of the head after
 * copying them in, the consumer frees room with a release store of the tail after copying them out
 * (each reads the other's counter with an acquire load), so the bytes between are visible whole.
 * Numbers are in the host's byte order (both sides are on one host). A waiting side spins briefly,
 * then parks with a growing back-off; it gives up when the ring is aborted, its {@code alive} check
 * fails or no progress was made for the idle timeout. Not thread-safe beyond one producer thread and
 * one consumer thread.
 */
final class ShmRing {
    static final long MAGIC = 0x4A44534B52494E47L; // "JDSKRING"
    static final int HEADER = 4096;
    private static final int NONCE = 8;
    private static final int CAPACITY = 16;
    private static final int HEAD = 128;
    private static final int TAIL = 256;
    private static final int ABORTED = 384;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int SPINS = 64;
    private static final long MAX_PARK_NANOS = 200_000;

    /** What a wait gave up on: the ring was aborted, the other side is gone, or it took too long. */
    static final class RingException extends Exception {
        RingException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final MappedByteBuffer map;
    private final int capacity;
    private final long nonce;

    private ShmRing(Path file, MappedByteBuffer map, int capacity, long nonce) {
        this.file = file;
        this.map = map;
        this.capacity = capacity;
        this.nonce = nonce;
    }

    /**
     * Creates a ring file (readable and writable by this user only) and maps it.
     *
     * @param file the file to create (must not exist)
     * @param capacity the ring's bytes
     * @param nonce what the opener must present
     * @return the ring
     * @throws IOException when the file cannot be made or mapped
     */
    static ShmRing create(Path file, int capacity, long nonce) throws IOException {
        if (capacity < 4096) {
            throw new IllegalArgumentException("a ring of " + capacity + " bytes is too small");
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, (long) HEADER + capacity);
            map.putLong(NONCE, nonce);
            map.putLong(CAPACITY, capacity);
            LONGS.setRelease(map, 0, MAGIC);
            return new ShmRing(file, map, capacity, nonce);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Maps a ring another side created, after checking that it is one and carries the nonce that
     * side announced (a file of that name elsewhere, as in another container, does not).
     *
     * @param file the ring file
     * @param nonce the nonce announced with it
     * @return the ring
     * @throws IOException when it cannot be opened, is not a ring or has another nonce
     */
    static ShmRing open(Path file, long nonce) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size < HEADER + 4096L || size > HEADER + (long) Integer.MAX_VALUE) {
                throw new IOException(file + " is not a ring file (" + size + " bytes)");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            if ((long) LONGS.getAcquire(map, 0) != MAGIC) {
                throw new IOException(file + " is not a ring file (bad magic)");
            }
            if (map.getLong(NONCE) != nonce) {
                throw new IOException(file + " carries another nonce: not the ring the peer made (another host or container?)");
            }
            long capacity = map.getLong(CAPACITY);
            if (capacity != size - HEADER) {
                throw new IOException(file + " announces " + capacity + " ring bytes but has " + (size - HEADER));
            }
            return new ShmRing(file, map, (int) capacity, nonce);
        }
    }

    Path file() {
        return file;
    }

    int capacity() {
        return capacity;
    }

    long nonce() {
        return nonce;
    }

    /** Marks the ring aborted: the other side's waits end with an error. */
    void abort() {
        LONGS.setRelease(map, ABORTED, 1L);
    }

    boolean aborted() {
        return (long) LONGS.getAcquire(map, ABORTED) != 0;
    }

    /** Fills a region of the ring with the next bytes to send. */
    @FunctionalInterface
    interface Filler {
        /**
         * @param offset how many bytes of this write came before
         * @param dst the region to fill completely (position to limit)
         */
        void fill(long offset, ByteBuffer dst);
    }

    /**
     * Producer: writes {@code length} bytes, handing out free regions of at most {@code chunk}
     * bytes to the filler and publishing each as soon as it is filled.
     *
     * @param length how many bytes
     * @param chunk the most bytes published at once
     * @param filler what fills each region
     * @param alive false once the consumer is known gone
     * @param idleNanos how long to wait for room without progress
     * @throws RingException when the ring was aborted, the consumer is gone or no room came in time
     */
    void write(long length, int chunk, Filler filler, BooleanSupplier alive, long idleNanos) throws RingException {
        long head = (long) LONGS.getOpaque(map, HEAD);
        long done = 0;
        Waiter w = new Waiter(alive, idleNanos, "room in the ring");
        while (done < length) {
            long tail = (long) LONGS.getAcquire(map, TAIL);
            long free = capacity - (head - tail);
            if (free <= 0) {
                w.await(this);
                continue;
            }
            w.progress();
            int at = (int) (head % capacity);
            int n = (int) Math.min(Math.min(free, length - done), Math.min(chunk, capacity - at));
            ByteBuffer dst = map.slice(HEADER + at, n);
            filler.fill(done, dst);
            head += n;
            done += n;
            LONGS.setRelease(map, HEAD, head);
        }
    }

    /**
     * Consumer: reads {@code length} bytes, handing each published region (at most {@code chunk}
     * bytes) to {@code out} and freeing it once {@code out} returns.
     *
     * @param length how many bytes
     * @param chunk the most bytes handed out at once
     * @param out takes each region (its position to limit; not kept after returning)
     * @param alive false once the producer is known gone
     * @param idleNanos how long to wait for bytes without progress
     * @throws RingException when the ring was aborted, the producer is gone or no bytes came in time
     */
    void read(long length, int chunk, Consumer<ByteBuffer> out, BooleanSupplier alive, long idleNanos) throws RingException {
        long tail = (long) LONGS.getOpaque(map, TAIL);
        long done = 0;
        Waiter w = new Waiter(alive, idleNanos, "bytes in the ring");
        while (done < length) {
            long head = (long) LONGS.getAcquire(map, HEAD);
            long ready = head - tail;
            if (ready <= 0) {
                w.await(this);
                continue;
            }
            w.progress();
            int at = (int) (tail % capacity);
            int n = (int) Math.min(Math.min(ready, length - done), Math.min(chunk, capacity - at));
            out.accept(map.slice(HEADER + at, n));
            tail += n;
            done += n;
            LONGS.setRelease(map, TAIL, tail);
        }
    }

    /**
     * Consumer: copies the next {@code dst.remaining()} bytes without consuming them (they are read
     * again by {@link #read}); waits until they are all in.
     *
     * @param dst where to copy (at most the ring's capacity)
     * @param alive false once the producer is known gone
     * @param idleNanos how long to wait without progress
     * @throws RingException as {@link #read}
     */
    void peek(ByteBuffer dst, BooleanSupplier alive, long idleNanos) throws RingException {
        int want = dst.remaining();
        if (want > capacity) {
            throw new IllegalArgumentException("cannot peek " + want + " bytes of a ring of " + capacity);
        }
        long tail = (long) LONGS.getOpaque(map, TAIL);
        Waiter w = new Waiter(alive, idleNanos, "bytes in the ring");
        long ready;
        while ((ready = (long) LONGS.getAcquire(map, HEAD) - tail) < want) {
            if (ready > 0) {
                w.progress();
            }
            w.await(this);
        }
        int at = (int) (tail % capacity);
        int first = Math.min(want, capacity - at);
        dst.put(map.slice(HEADER + at, first));
        if (first < want) {
            dst.put(map.slice(HEADER, want - first));
        }
    }

    /** Spins, then parks with a growing back-off; gives up on abort, a dead peer or the idle timeout. */
    private static final class Waiter {
        private final BooleanSupplier alive;
        private final long idleNanos;
        private final String what;
        private long since = System.nanoTime();
        private int spins;
        private long park = 1_000;

        Waiter(BooleanSupplier alive, long idleNanos, String what) {
            this.alive = alive;
            this.idleNanos = idleNanos;
            this.what = what;
        }

        void progress() {
            since = System.nanoTime();
            spins = 0;
            park = 1_000;
        }

        void await(ShmRing ring) throws RingException {
            if (ring.aborted()) {
                throw new RingException("the other side aborted the transfer");
            }
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
                return;
            }
            if (!alive.getAsBoolean()) {
                throw new RingException("the other side is gone");
            }
            if (System.nanoTime() - since > idleNanos) {
                throw new RingException("no " + what + " for " + idleNanos / 1_000_000 + " ms");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new RingException("interrupted");
            }
            LockSupport.parkNanos(park);
            park = Math.min(MAX_PARK_NANOS, park * 2);
        }
    }
}
