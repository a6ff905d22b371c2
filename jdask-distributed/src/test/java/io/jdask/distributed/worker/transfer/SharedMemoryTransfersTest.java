package io.jdask.distributed.worker.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jdask.distributed.comm.RecordingConnection;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.ShmMessage;
import io.jdask.distributed.protocol.WorkerToWorker.DataReply;
import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers' shared-memory paths wired through recording connections (no sockets): the fetching
 * side's offer, the serving side's answer, replies whose large values come through the ring.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedMemoryTransfersTest {
    private static final Serialization SER = Serialization.get();

    @TempDir
    Path dir;

    private final List<SharedMemoryTransfers> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(SharedMemoryTransfers::close);
    }

    private ShmSettings settings(int minBytes, int ringBytes, Duration idle) {
        return new ShmSettings(true, dir, minBytes, ringBytes, Math.min(16 << 10, ringBytes / 4), idle);
    }

    private ShmSettings settings() {
        return settings(64 << 10, 64 << 10, Duration.ofSeconds(20));
    }

    private SharedMemoryTransfers open(ShmSettings s, String name, List<DataReply> delivered) {
        SharedMemoryTransfers t = new SharedMemoryTransfers(s, name, (c, r) -> delivered.add(r));
        opened.add(t);
        return t;
    }

    /** A fetching side (b, on connection toA) and a serving side (a, on connection toB), linked. */
    private record Pair(SharedMemoryTransfers a, SharedMemoryTransfers b, RecordingConnection toA, RecordingConnection toB,
            List<DataReply> delivered, Path file) {
        /** The serving side answers a fetch; what it sends on the connection reaches the fetching side. */
        boolean serve(DataReply reply) {
            int before = toB.sent.size();
            boolean viaRing = a.serve(toB, reply);
            if (viaRing) {
                for (Message m : List.copyOf(toB.sent.subList(before, toB.sent.size()))) {
                    b.received(toA, (ShmMessage) m);
                }
            }
            return viaRing;
        }
    }

    private Pair link(ShmSettings forA, ShmSettings forB) {
        List<DataReply> delivered = Collections.synchronizedList(new ArrayList<>());
        SharedMemoryTransfers a = open(forA, "A", new ArrayList<>());
        SharedMemoryTransfers b = open(forB, "B", delivered);
        RecordingConnection toA = new RecordingConnection("A");
        RecordingConnection toB = new RecordingConnection("B");
        b.connected(toA);
        Path file = null;
        if (!toA.sent.isEmpty()) {
            ShmMessage.Offer offer = (ShmMessage.Offer) toA.sent.get(0);
            file = Path.of(offer.path());
            a.received(toB, offer);
            b.received(toA, (ShmMessage.Answer) toB.sent.get(0));
        }
        return new Pair(a, b, toA, toB, delivered, file);
    }

    private static double[] doubles(int n, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian();
        }
        return d;
    }

    private static long[] longs(int n, long seed) {
        return new Random(seed).longs(n).toArray();
    }

    private static Payload valuePayload(Object v) {
        return Payload.ofValue(v, SER.packedSource(v));
    }

    @Test
    void largeValuesComeThroughTheRingSmallOnesOnTheConnection() {
        Pair p = link(settings(), settings());
        assertThat(p.file()).isNotNull();
        assertThat(Files.exists(p.file())).as("unlinked once both sides mapped it").isFalse();
        double[] big = doubles((1 << 20) / 8 + 3, 1); // ~16x the 64 KiB ring, not a multiple of the chunk
        long[] other = longs(300_001, 2);
        byte[] smallBytes = SER.toBytes("small");
        Map<Key, Payload> data = new HashMap<>();
        data.put(Key.of("big"), valuePayload(big));
        data.put(Key.of("other"), valuePayload(other));
        data.put(Key.of("small"), Payload.wrap(smallBytes));
        assertThat(p.serve(new DataReply(data, List.of(Key.of("gone")), "fetch-1"))).isTrue();
        ShmMessage.RingReply sent = (ShmMessage.RingReply) p.toB().sent.get(1);
        assertThat(sent.ringKeys()).containsExactlyInAnyOrder(Key.of("big"), Key.of("other"));
        assertThat(sent.data()).containsOnlyKeys(Key.of("small"));
        await().atMost(Duration.ofSeconds(20)).until(() -> p.delivered().size() == 1);
        DataReply got = p.delivered().get(0);
        assertThat(got.stimulusId()).isEqualTo("fetch-1");
        assertThat(got.missing()).containsExactly(Key.of("gone"));
        assertThat((double[]) got.data().get(Key.of("big")).value()).isEqualTo(big);
        assertThat((long[]) got.data().get(Key.of("other")).value()).isEqualTo(other);
        assertThat(got.data().get(Key.of("small")).toByteArray()).isEqualTo(smallBytes);
        assertThat(p.toA().isOpen()).isTrue();
    }

    @Test
    void repliesBackToBackReuseTheRingAndValuesWithoutAStreamingReaderArriveAsBytes() {
        Pair p = link(settings(), settings());
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Object v = i % 3 == 2 ? new ArrayList<>(Stream.generate(() -> "text").limit(40_000 + i).toList()) : doubles(100_000 + 77 * i, i);
            expected.add(v);
            assertThat(p.serve(new DataReply(Map.of(Key.of("x", i), valuePayload(v)), List.of(), "fetch-" + i))).isTrue();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> p.delivered().size() == 6);
        for (int i = 0; i < 6; i++) {
            DataReply got = p.delivered().get(i);
            assertThat(got.stimulusId()).isEqualTo("fetch-" + i);
            Payload payload = got.data().get(Key.of("x", i));
            Object value = payload.hasValue() ? payload.value() : SER.fromBytes(payload.toByteArray());
            if (expected.get(i) instanceof double[] d) {
                assertThat((double[]) value).isEqualTo(d);
            } else {
                assertThat(payload.hasValue()).as("a fallback value is read whole").isFalse();
                assertThat(value).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void aReplyWithoutLargeValuesStaysOnTheConnection() {
        Pair p = link(settings(), settings());
        assertThat(p.serve(new DataReply(Map.of(Key.of("s"), valuePayload(doubles(10, 1))), List.of(), "f"))).isFalse();
    }

    @Test
    void fetchesFromTwoPeersAtOnce() throws Exception {
        Pair one = link(settings(), settings());
        Pair two = link(settings(), settings());
        double[][] values = new double[8][];
        for (int i = 0; i < 8; i++) {
            values[i] = doubles(200_000 + i, 10 + i);
        }
        CompletableFuture<?> f1 = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 8; i += 2) {
                one.serve(new DataReply(Map.of(Key.of("v", i), valuePayload(values[i])), List.of(), "one-" + i));
            }
        });
        CompletableFuture<?> f2 = CompletableFuture.runAsync(() -> {
            for (int i = 1; i < 8; i += 2) {
                two.serve(new DataReply(Map.of(Key.of("v", i), valuePayload(values[i])), List.of(), "two-" + i));
            }
        });
        CompletableFuture.allOf(f1, f2).get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> one.delivered().size() == 4 && two.delivered().size() == 4);
        for (Pair p : List.of(one, two)) {
            for (DataReply r : p.delivered()) {
                Map.Entry<Key, Payload> e = r.data().entrySet().iterator().next();
                int i = e.getKey().indices()[0];
                assertThat((double[]) e.getValue().value()).isEqualTo(values[i]);
            }
        }
    }

    @Test
    void aRingWithAnotherNonceIsRefusedAndValuesStayOnTheConnection() throws Exception {
        List<DataReply> delivered = Collections.synchronizedList(new ArrayList<>());
        SharedMemoryTransfers a = open(settings(), "A", new ArrayList<>());
        SharedMemoryTransfers b = open(settings(), "B", delivered);
        RecordingConnection toA = new RecordingConnection("A");
        RecordingConnection toB = new RecordingConnection("B");
        b.connected(toA);
        ShmMessage.Offer offer = (ShmMessage.Offer) toA.sent.get(0);
        // what the serving side finds at that path is another ring (another container's /dev/shm)
        Path file = Path.of(offer.path());
        Files.delete(file);
        ShmRing.create(file, 64 << 10, offer.nonce() + 1);
        a.received(toB, offer);
        ShmMessage.Answer answer = (ShmMessage.Answer) toB.sent.get(0);
        assertThat(answer.accepted()).isFalse();
        assertThat(answer.reason()).contains("another nonce");
        b.received(toA, answer);
        assertThat(b.rings()).isZero();
        assertThat(a.rings()).isZero();
        assertThat(a.serve(toB, new DataReply(Map.of(Key.of("big"), valuePayload(doubles(100_000, 1))), List.of(), "f"))).isFalse();
        Files.deleteIfExists(file);
        assertThat(ringFiles()).isEmpty();
    }

    @Test
    void turnedOffNeitherOffersNorAccepts() {
        Pair off = link(settings().disabled(), settings().disabled());
        assertThat(off.toA().sent).isEmpty();
        Pair servingOff = link(settings().disabled(), settings());
        ShmMessage.Answer answer = (ShmMessage.Answer) servingOff.toB().sent.get(0);
        assertThat(answer.accepted()).isFalse();
        assertThat(answer.reason()).contains("turned off");
        assertThat(servingOff.a().serve(servingOff.toB(), new DataReply(Map.of(Key.of("big"), valuePayload(doubles(100_000, 1))), List.of(), "f")))
                .isFalse();
        assertThat(ringFiles()).isEmpty();
    }

    @Test
    void aSenderThatDiesMidTransferClosesTheConnectionAndDeliversNothing() throws Exception {
        Pair p = link(settings(), settings());
        // the reply arrived, then the sender was killed before all bytes were in: its connection closes
        p.b().received(p.toA(), new ShmMessage.RingReply(Map.of(), List.of(), List.of(Key.of("big")), List.of(1L << 20), 0, "f"));
        Thread.sleep(100);
        p.toA().open = false;
        p.b().closed(p.toA());
        Thread.sleep(200);
        assertThat(p.delivered()).isEmpty();
        assertThat(p.b().rings()).isZero();
        assertThat(ringFiles()).isEmpty();
    }

    @Test
    void aSilentSenderTimesOutAndTheConnectionIsClosed() {
        Pair p = link(settings(64 << 10, 64 << 10, Duration.ofMillis(200)), settings(64 << 10, 64 << 10, Duration.ofMillis(200)));
        p.b().received(p.toA(), new ShmMessage.RingReply(Map.of(), List.of(), List.of(Key.of("big")), List.of(1L << 20), 0, "f"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !p.toA().isOpen());
        assertThat(p.delivered()).isEmpty();
        // a reply for a broken ring closes the connection at once
        RecordingConnection again = p.toA();
        again.open = true;
        p.b().received(again, new ShmMessage.RingReply(Map.of(), List.of(), List.of(Key.of("big")), List.of(1L << 20), 1, "g"));
        assertThat(again.isOpen()).isFalse();
    }

    @Test
    void aReplyOutOfStepWithTheRingClosesTheConnection() {
        Pair p = link(settings(), settings());
        p.b().received(p.toA(), new ShmMessage.RingReply(Map.of(), List.of(), List.of(Key.of("big")), List.of(1L << 20), 5, "f"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !p.toA().isOpen());
        assertThat(p.delivered()).isEmpty();
    }

    @Test
    void ringFilesOfDeadProcessesAreSweptAndClosingRemovesTheRest() throws Exception {
        Path stale = dir.resolve("jdask-ring-999999999-00ff");
        Path live = dir.resolve("jdask-ring-" + ProcessHandle.current().pid() + "-00ff");
        Path foreign = dir.resolve("other-file");
        Files.write(stale, new byte[8]);
        Files.write(live, new byte[8]);
        Files.write(foreign, new byte[8]);
        SharedMemoryTransfers.sweep(dir);
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(foreign).exists();
        Files.delete(live);
        Files.delete(foreign);
        // an offer never answered: its file goes when the connection closes
        SharedMemoryTransfers b = open(settings(), "B", new ArrayList<>());
        RecordingConnection toA = new RecordingConnection("A");
        b.connected(toA);
        assertThat(ringFiles()).hasSize(1);
        b.close();
        assertThat(ringFiles()).isEmpty();
    }

    private List<Path> ringFiles() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("jdask-ring-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
