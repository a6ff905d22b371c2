package io.jdask.distributed.worker.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ring alone: a producer and a consumer thread over one mapped file, no sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShmRingTest {
    private static final long IDLE = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Messages of random lengths (many times the ring), written and read in random chunk sizes, arrive equal and in order. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void twoThreadsRandomChunksArriveEqual(long seed) throws Exception {
        int capacity = 64 << 10;
        ShmRing producer = ShmRing.create(dir.resolve("ring"), capacity, 42);
        ShmRing consumer = ShmRing.open(dir.resolve("ring"), 42);
        Random r = new Random(seed);
        int messages = 40;
        byte[][] sent = new byte[messages][];
        for (int i = 0; i < messages; i++) {
            sent[i] = random(r.nextInt(i % 5 == 0 ? 700_000 : 5_000) + 1, seed * 1000 + i);
        }
        int[] writeChunks = new int[messages];
        int[] readChunks = new int[messages];
        for (int i = 0; i < messages; i++) {
            writeChunks[i] = 1 + r.nextInt(capacity);
            readChunks[i] = 1 + r.nextInt(capacity);
        }
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < messages; i++) {
                    byte[] m = sent[i];
                    producer.write(m.length, writeChunks[i], (off, dst) -> dst.put(m, (int) off, dst.remaining()), () -> true, IDLE);
                }
            } catch (ShmRing.RingException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < messages; i++) {
            ByteBuffer got = ByteBuffer.allocate(sent[i].length);
            if (i % 3 == 0) {
                ByteBuffer head = ByteBuffer.allocate(Math.min(sent[i].length, 1000));
                consumer.peek(head, () -> true, IDLE);
                assertThat(head.array()).isEqualTo(java.util.Arrays.copyOf(sent[i], head.capacity()));
            }
            consumer.read(sent[i].length, readChunks[i], got::put, () -> true, IDLE);
            assertThat(got.array()).as("message %d", i).isEqualTo(sent[i]);
        }
        writer.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aPeekAcrossTheRingsEndSeesTheBytesInOrder() throws Exception {
        ShmRing ring = ShmRing.create(dir.resolve("ring"), 4096, 1);
        byte[] first = random(4000, 1);
        ring.write(first.length, 4096, (off, dst) -> dst.put(first, (int) off, dst.remaining()), () -> true, IDLE);
        ring.read(first.length, 4096, b -> b.position(b.limit()), () -> true, IDLE);
        byte[] second = random(300, 2); // wraps at 4096
        ring.write(second.length, 4096, (off, dst) -> dst.put(second, (int) off, dst.remaining()), () -> true, IDLE);
        ByteBuffer head = ByteBuffer.allocate(300);
        ring.peek(head, () -> true, IDLE);
        assertThat(head.array()).isEqualTo(second);
        ByteBuffer got = ByteBuffer.allocate(300);
        ring.read(300, 4096, got::put, () -> true, IDLE);
        assertThat(got.array()).isEqualTo(second);
    }

    @Test
    void anAbortEndsTheOtherSidesWait() throws Exception {
        ShmRing producer = ShmRing.create(dir.resolve("ring"), 4096, 7);
        ShmRing consumer = ShmRing.open(dir.resolve("ring"), 7);
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                consumer.read(10, 4096, b -> { }, () -> true, IDLE);
                return null;
            } catch (ShmRing.RingException e) {
                return e;
            }
        });
        Thread.sleep(50);
        producer.abort();
        assertThat(reader.get(10, TimeUnit.SECONDS)).isNotNull().hasMessageContaining("aborted");
        // a full ring whose reader gave up: the writer's wait ends too
        ShmRing full = ShmRing.create(dir.resolve("full"), 4096, 8);
        ShmRing.open(dir.resolve("full"), 8).abort();
        assertThatThrownBy(() -> full.write(8192, 4096, (off, dst) -> dst.position(dst.limit()), () -> true, IDLE))
                .isInstanceOf(ShmRing.RingException.class).hasMessageContaining("aborted");
    }

    @Test
    void aGoneOrSilentOtherSideEndsTheWait() throws Exception {
        ShmRing ring = ShmRing.create(dir.resolve("ring"), 4096, 9);
        AtomicBoolean alive = new AtomicBoolean(false);
        assertThatThrownBy(() -> ring.read(1, 4096, b -> { }, alive::get, IDLE)).isInstanceOf(ShmRing.RingException.class)
                .hasMessageContaining("gone");
        assertThatThrownBy(() -> ring.read(1, 4096, b -> { }, () -> true, TimeUnit.MILLISECONDS.toNanos(100)))
                .isInstanceOf(ShmRing.RingException.class).hasMessageContaining("no bytes in the ring for 100 ms");
    }

    @Test
    void openingChecksTheNonceAndTheLayout() throws Exception {
        Path file = dir.resolve("ring");
        ShmRing.create(file, 8192, 1234);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> ShmRing.open(file, 1235)).isInstanceOf(IOException.class).hasMessageContaining("another nonce");
        assertThat(ShmRing.open(file, 1234).capacity()).isEqualTo(8192);
        Path other = dir.resolve("other");
        Files.write(other, new byte[16384]);
        assertThatThrownBy(() -> ShmRing.open(other, 0)).isInstanceOf(IOException.class).hasMessageContaining("bad magic");
        assertThatThrownBy(() -> ShmRing.open(dir.resolve("missing"), 0)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ShmRing.create(file, 8192, 1)).isInstanceOf(IOException.class);
    }
}
