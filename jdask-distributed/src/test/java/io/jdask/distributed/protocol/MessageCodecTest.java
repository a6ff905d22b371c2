package io.jdask.distributed.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Key;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    static Payload bytes(String s) {
        return Payload.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static final Key X = Key.of("x-1f2e");
    static final Key Y = Key.of("y", 3, 4);
    static final ErrorInfo ERROR = new ErrorInfo("java.lang.IllegalStateException", "bad ünïcode", "at a.b(C.java:1)", bytes("serialized exception"));

    /** One of every message, with every field set to something distinctive. */
    static List<Message> samples() {
        List<Message> all = new ArrayList<>(CodeMessageCodecTest.samples());
        all.addAll(List.of(
                new Handshake(1, "0.1.0", "21.0.4", "worker", "hs"),
                new ClientToScheduler.UpdateGraph(List.of(
                        new TaskSpec(X, bytes("f(x)"), List.of(), 0, Restrictions.NONE, 0),
                        new TaskSpec(Y, bytes("g(x)"), List.of(X), 1, new Restrictions(Set.of("w1", "w2"), Map.of("GPU", 1.5), true), 2)),
                        List.of(Y), "g1"),
                new ClientToScheduler.ReleaseKeys(List.of(X, Y), "r"),
                new ClientToScheduler.CancelKeys(List.of(Y), "c"),
                new ClientToScheduler.RetryKeys(List.of(X), "rt"),
                new ClientToScheduler.CloseClient("bye"),
                new SchedulerToClient.KeyInMemory(Y, 1234, "io.jdask.NDArray", List.of("tcp://a:1", "tcp://b:2"), "m"),
                new SchedulerToClient.KeyErred(Y, X, ERROR, "e"),
                new SchedulerToClient.KeyCancelled(X, "k"),
                new SchedulerToWorker.ComputeTask(Y, bytes("g(x)"), new Priority(7, 42),
                        List.of(new DependencyLocation(X, List.of("tcp://a:1", "tcp://b:2"), 99)), Map.of("GPU", 1.0), "ct"),
                new SchedulerToWorker.FreeKeys(List.of(X), "fk"),
                new SchedulerToWorker.StealRequest(X, "sr"),
                new SchedulerToWorker.RefreshWhoHas(X, List.of("tcp://c:3"), "rw"),
                new SchedulerToWorker.CloseWorker("no heartbeat", "cw"),
                new SchedulerToWorker.RestartWorker("rs"),
                new SchedulerToWorker.AcquireReplicas(List.of(new DependencyLocation(X, List.of("tcp://r:1"), 5), new DependencyLocation(Y, List.of(), 0)), "aq"),
                new WorkerToScheduler.RegisterWorker("tcp://a:1", "slow-box", 4, 24L << 30, Map.of("GPU", 2.0, "MEM", 1e9), "reg"),
                new WorkerToScheduler.Heartbeat(new WorkerMetrics(5_000_000, 3, 7_000, 153.5, 1L << 33, 12_345, 9, 8_000, 2), "hb"),
                new WorkerToScheduler.TaskFinished(Y, 8, "java.lang.Long", 1_000_000, 17, "tf"),
                new WorkerToScheduler.TaskErred(Y, ERROR, 55, 18, "te"),
                new WorkerToScheduler.AddReplicas(Map.of(X, 10L, Y, 20L), 19, "ar"),
                new WorkerToScheduler.MissingData(X, "tcp://b:2", "md"),
                new WorkerToScheduler.StealResponse(X, true, "st"),
                new WorkerToScheduler.StatusChanged(WorkerStatus.PAUSED, "sc"),
                new WorkerToWorker.GetData(List.of(X, Y), "tcp://a:1", "gd"),
                new WorkerToWorker.DataReply(Map.of(X, bytes("value of x"), Y, Payload.EMPTY), List.of(Key.of("z")), "dr"),
                new ShmMessage.Offer("/dev/shm/jdask-ring-1-ab", -42L, "so"),
                new ShmMessage.Answer(-42L, false, "cannot open the ring", "sa"),
                new ShmMessage.RingReply(Map.of(X, bytes("small x")), List.of(Key.of("z")), List.of(Y, Key.of("w", 3)), List.of(5L << 20, 9L), 17L,
                        "sr"),
                new Connect.Challenge("00ff", "ch"),
                new Connect.Proof("abcd", "pr"),
                new Connect.Accepted("ok"),
                new Connect.Refused("wrong token", "no"),
                new ClientToScheduler.WhoHas(List.of(X, Y), "wh"),
                new SchedulerToClient.KeyLocation(X, List.of("tcp://a:1"), "kl"),
                new ClientRequest.PublishDataset("prices", List.of(X, Y), bytes("collection"), true, "pd"),
                new ClientRequest.UnpublishDataset("prices", "ud"),
                new ClientRequest.GetDataset("prices", "gds"),
                new ClientRequest.ListDatasets("ld"),
                new ClientRequest.RetireWorkers(List.of("tcp://b:2", "tcp://a:1"), "rws"),
                new ClientRequest.Restart("rs"),
                new ClientRequest.GetSchedulerInfo("gsi"),
                new ClientRequest.GetHasWhat("ghw"),
                new ClientRequest.GetLogs(500, "gl"),
                new ClientRequest.RunFunction(bytes("fn"), "rf"),
                new ClientRequest.Replicate(List.of(Y, X), "rp"),
                new ClientRequest.Progress("watch-1", List.of(X, Y), true, "pg"),
                new ClientReply.ProgressUpdate(List.of(Y), 3, "pu"),
                new ClientReply.Done("no dataset named 'x'", "dn"),
                new ClientReply.Dataset("prices", List.of(Y), bytes("collection"), "ds"),
                new ClientReply.DatasetNames(List.of("a", "b"), "dns"),
                new ClientReply.SchedulerInfo("tcp://s:8786", 2, 17, List.of(
                        new WorkerSummary("tcp://a:1", "slow-box", 2, 1L << 30, 12345, WorkerStatus.PAUSED, 3, 4, Map.of("GPU", 1.0)),
                        new WorkerSummary("tcp://b:2", "b", 1, 0, 0, WorkerStatus.RUNNING, 0, 0, Map.of())), "si"),
                new ClientReply.HasWhat(Map.of("tcp://a:1", List.of(X, Y), "tcp://b:2", List.of()), "hw"),
                new ClientReply.Logs(List.of("line 1", "line ü 2"), "lg"),
                new ClientReply.RunResult(bytes("42"), null, "rr"),
                new ClientReply.RunResult(Payload.EMPTY, ERROR, "rre"),
                new SchedulerGreeting("http://10.0.0.1:8787/status", "si"),
                new Batch(List.of(
                        new SchedulerToWorker.ComputeTask(X, bytes("f()"), new Priority(1, 0), List.of(), Map.of(), "b1"),
                        new SchedulerToWorker.FreeKeys(List.of(Y), "b2"),
                        new SchedulerToWorker.ComputeTask(Y, bytes("g(x)"), new Priority(1, 1),
                                List.of(new DependencyLocation(X, List.of("tcp://a:1"), 8)), Map.of("GPU", 1.0), "b3"),
                        new WorkerToScheduler.TaskErred(Y, ERROR, 55, 18, "b4")), "batch")));
        return all;
    }

    @Test
    void theSamplesCoverEveryMessageType() {
        Set<Class<?>> all = new HashSet<>();
        List<Class<?>> todo = new ArrayList<>(List.of(Message.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.remove(todo.size() - 1);
            if (c.isRecord()) {
                all.add(c);
            } else {
                todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
            }
        }
        Set<Class<?>> sampled = new HashSet<>();
        for (Message m : samples()) {
            sampled.add(m.getClass());
        }
        assertThat(sampled).isEqualTo(all);
        assertThat(samples()).hasSize(all.size() + 1); // RunResult twice: with and without an error
    }

    @Test
    void aBatchSharesOneFrameSequenceAndHoldsNoBatch() {
        Batch b = Batch.of(List.of(
                new SchedulerToWorker.ComputeTask(X, bytes("f()"), new Priority(1, 0), List.of(), Map.of(), "b1"),
                new SchedulerToWorker.ComputeTask(Y, bytes("g()"), new Priority(1, 1), List.of(), Map.of(), "b2")));
        MessageCodec.Encoded e = MessageCodec.encode(b);
        assertThat(e.payloads()).hasSize(2); // each task's payload is its own frame, indexed across the batch
        assertThat(new FrameDecoder(1 << 20).feed(ByteBuffer.wrap(e.toByteArray()))).containsExactly(b);
        assertThatThrownBy(() -> Batch.of(List.of(b))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch");
    }

    @Test
    void joinedPayloadsSendTheirSharedHeadOncePerMessage() {
        Payload head = bytes("the function");
        Payload other = bytes("another function");
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            specs.add(new TaskSpec(Key.of("m", i), Payload.joined(i == 3 ? other : head, bytes("arg " + i)), List.of(), i, Restrictions.NONE, 0));
        }
        ClientToScheduler.UpdateGraph u = new ClientToScheduler.UpdateGraph(specs, List.of(), "joined");
        MessageCodec.Encoded e = MessageCodec.encode(u);
        assertThat(e.payloads()).hasSize(2 + 5); // two heads, five tails
        Message back = new FrameDecoder(1 << 20).feed(ByteBuffer.wrap(e.toByteArray())).get(0);
        assertThat(back).isEqualTo(u);
        List<TaskSpec> got = ((ClientToScheduler.UpdateGraph) back).tasks();
        assertThat(got.get(0).payload().toByteArray()).isEqualTo("the functionarg 0".getBytes(StandardCharsets.UTF_8));
        assertThat(got.get(4).payload().head()).isSameAs(got.get(0).payload().head());
        assertThat(got.get(3).payload().head()).isNotSameAs(got.get(0).payload().head());
        assertThat(got.get(2).payload().tail().toByteArray()).isEqualTo("arg 2".getBytes(StandardCharsets.UTF_8));
        assertThat(got.get(2).payload().hasValue()).isFalse();

        // a batch of ComputeTasks forwarding the decoded payloads shares the head again
        Batch b = Batch.of(List.of(
                new SchedulerToWorker.ComputeTask(X, got.get(0).payload(), new Priority(1, 0), List.of(), Map.of(), "b1"),
                new SchedulerToWorker.ComputeTask(Y, got.get(1).payload(), new Priority(1, 1), List.of(), Map.of(), "b2")));
        MessageCodec.Encoded eb = MessageCodec.encode(b);
        assertThat(eb.payloads()).hasSize(3);
        Batch bb = (Batch) new FrameDecoder(1 << 20).feed(ByteBuffer.wrap(eb.toByteArray())).get(0);
        assertThat(bb).isEqualTo(b);
        assertThat(((SchedulerToWorker.ComputeTask) bb.messages().get(1)).payload().head())
                .isSameAs(((SchedulerToWorker.ComputeTask) bb.messages().get(0)).payload().head());
    }

    @Test
    void theReusedWriterSendsAJoinedHeadAgainInEachMessage() {
        // encodePartsTransient reuses one writer per thread: a head met in one message must be a frame of the next one too
        Payload head = bytes("the function");
        for (int i = 0; i < 3; i++) {
            SchedulerToWorker.ComputeTask t = new SchedulerToWorker.ComputeTask(Key.of("m", i), Payload.joined(head, bytes("arg " + i)),
                    new Priority(1, i), List.of(), Map.of(), "t" + i);
            MessageCodec.Parts parts = MessageCodec.encodePartsTransient(t);
            assertThat(parts.payloads()).hasSize(2);
            assertThat(parts.payloads().get(0)).isSameAs(head);
            Message back = MessageCodec.decode(parts.header(), parts.payloads());
            assertThat(back).isEqualTo(t);
            assertThat(((SchedulerToWorker.ComputeTask) back).payload().toByteArray()).isEqualTo(("the functionarg " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void badJoinedPayloadReferencesAreRefused() {
        ClientToScheduler.UpdateGraph u = new ClientToScheduler.UpdateGraph(List.of(
                new TaskSpec(X, Payload.joined(bytes("h"), bytes("t")), List.of(), 0, Restrictions.NONE, 0)), List.of(), "u");
        MessageCodec.Encoded e = MessageCodec.encode(u);
        List<Payload> frames = e.payloads().stream().map(Payload::wrap).toList();
        assertThat(MessageCodec.decode(e.header(), frames)).isEqualTo(u);
        // the head's frame used as a plain payload too, by pointing the tail at it
        ByteBuffer h = e.header().duplicate();
        int at = indexOf(h, new byte[] {-1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 1});
        h.putInt(at + 8, 0);
        assertThatThrownBy(() -> MessageCodec.decode(h, frames)).isInstanceOf(ProtocolException.class).hasMessageContaining("bad payload reference 0");
        ByteBuffer h2 = e.header().duplicate();
        h2.putInt(at + 4, 7);
        assertThatThrownBy(() -> MessageCodec.decode(h2, frames)).isInstanceOf(ProtocolException.class).hasMessageContaining("bad joined payload head reference 7");
        assertThatThrownBy(() -> Payload.joined(Payload.ofValue(1, io.jdask.serialize.Serialization.get().packedSource(1)), bytes("t")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyMessageSurvivesARoundTrip() {
        for (Message m : samples()) {
            MessageCodec.Encoded e = MessageCodec.encode(m);
            List<Payload> payloads = e.payloads().stream().map(Payload::wrap).toList();
            assertThat(MessageCodec.decode(e.header(), payloads)).as("%s", m).isEqualTo(m);
            assertThat(new FrameDecoder(1 << 20).feed(ByteBuffer.wrap(e.toByteArray()))).containsExactly(m);
        }
    }

    /** The reader works on the header's array where it has one (at any offset), and on a copy where it has not. */
    @Test
    void aHeaderDecodesFromAnArrayAtAnOffsetADirectBufferAndAReadOnlyOne() {
        for (Message m : samples()) {
            MessageCodec.Encoded e = MessageCodec.encode(m);
            List<Payload> payloads = e.payloads().stream().map(Payload::wrap).toList();
            ByteBuffer header = e.header();
            int n = header.remaining();
            byte[] padded = new byte[n + 13];
            Arrays.fill(padded, (byte) 0x7f);
            header.duplicate().get(padded, 5, n);
            ByteBuffer offset = ByteBuffer.wrap(padded, 5, n).slice(); // arrayOffset 5
            ByteBuffer positioned = ByteBuffer.wrap(padded, 5, n); // position 5
            ByteBuffer direct = ByteBuffer.allocateDirect(n).put(header.duplicate()).flip();
            for (ByteBuffer b : List.of(offset, positioned, direct, header.asReadOnlyBuffer())) {
                assertThat(MessageCodec.decode(b, payloads)).as("%s from %s", m, b).isEqualTo(m);
            }
        }
    }

    /** Strings take an ASCII path, a UTF-8 path and (decoding) a shared table for short ones: each must give the same text back. */
    @Test
    void stringsOfEveryKindRoundTripAndRepeatedOnesComeBackEqual() {
        String longAscii = "k".repeat(1500);
        String longer = "é".repeat(700) + "x";
        List<Key> keys = List.of(Key.of("ascii-1f"), Key.of("ключ-ü", 1), Key.of("mixed-a\u00ffb"), Key.of(longAscii), Key.of(longer, 2, 3),
                Key.of("k".repeat(64)), Key.of("k".repeat(65)), Key.of("ascii-1f"), Key.of("😀-emoji"));
        Message m = new ClientToScheduler.ReleaseKeys(keys, "stimulus-ü");
        for (int round = 0; round < 3; round++) {
            MessageCodec.Encoded e = MessageCodec.encode(m);
            Message back = MessageCodec.decode(e.header(), e.payloads().stream().map(Payload::wrap).toList());
            assertThat(back).isEqualTo(m);
            assertThat(((ClientToScheduler.ReleaseKeys) back).keys().get(0).name()).isSameAs(((ClientToScheduler.ReleaseKeys) back).keys().get(7).name());
        }
    }

    @Test
    void messagesSplitAnywhereAreReassembledInOrder() {
        ByteBuffer stream = ByteBuffer.allocate(1 << 16);
        for (Message m : samples()) {
            stream.put(MessageCodec.encode(m).toByteArray());
        }
        stream.flip();
        byte[] all = new byte[stream.remaining()];
        stream.get(all);
        for (long seed = 0; seed < 20; seed++) {
            Random rng = new Random(seed);
            FrameDecoder d = new FrameDecoder(1 << 20);
            List<Message> out = new ArrayList<>();
            int at = 0;
            while (at < all.length) {
                int n = Math.min(all.length - at, seed == 0 ? 1 : 1 + rng.nextInt(64));
                out.addAll(d.feed(ByteBuffer.wrap(all, at, n)));
                at += n;
            }
            assertThat(out).containsExactlyElementsOf(samples());
            assertThat(d.buffered()).isZero();
        }
    }

    @Test
    void aTruncatedMessageWaitsForItsLastByte() {
        Message m = samples().get(9);
        byte[] bytes = MessageCodec.encode(m).toByteArray();
        FrameDecoder d = new FrameDecoder(1 << 20);
        assertThat(d.feed(ByteBuffer.wrap(bytes, 0, bytes.length - 1))).isEmpty();
        assertThat(d.buffered()).isEqualTo(bytes.length - 1);
        assertThat(d.feed(ByteBuffer.wrap(bytes, bytes.length - 1, 1))).containsExactly(m);
    }

    @Test
    void payloadsAreNotCopiedWhenEncoding() {
        byte[] big = new byte[1 << 20];
        Message m = new WorkerToWorker.DataReply(Map.of(X, Payload.wrap(big)), List.of(), "big");
        MessageCodec.Encoded e = MessageCodec.encode(m);
        assertThat(e.header().remaining()).isLessThan(64);
        big[0] = 42; // the encoded frame reads the caller's array itself
        assertThat(e.payloads().get(0).get(0)).isEqualTo((byte) 42);
        assertThat(e.size()).isEqualTo(8 + 8 + e.header().remaining() + big.length);
    }

    @Test
    void aDataReplyDecodesToTheMapItKeepsAndAKeySentTwiceKeepsItsLastValue() {
        Message m = new WorkerToWorker.DataReply(Map.of(X, bytes("x"), Y, bytes("y")), List.of(Key.of("z")), "dr2");
        MessageCodec.Encoded e = MessageCodec.encode(m);
        List<Payload> frames = e.payloads().stream().map(Payload::wrap).toList();
        WorkerToWorker.DataReply back = (WorkerToWorker.DataReply) MessageCodec.decode(e.header(), frames);
        assertThat(back).isEqualTo(m);
        assertThat(Map.copyOf(back.data())).isSameAs(back.data()); // immutable already: the record did not copy it again

        WireWriter w = new WireWriter();
        w.u8(51); // DATA_REPLY
        w.i32(2);
        w.key(X);
        w.payload(bytes("first"));
        w.key(X);
        w.payload(bytes("second"));
        w.keys(List.of());
        w.string("dup");
        WorkerToWorker.DataReply dup = (WorkerToWorker.DataReply) MessageCodec.decode(w.finish(), List.copyOf(w.payloads));
        assertThat(dup.data()).containsOnlyKeys(X);
        assertThat(dup.data().get(X).toByteArray()).isEqualTo("second".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHeaderCutShortIsReportedWithWhereItEnded() {
        MessageCodec.Encoded e = MessageCodec.encode(new SchedulerToWorker.FreeKeys(List.of(X), "fk"));
        ByteBuffer header = e.header().duplicate();
        header.limit(header.limit() - 3);
        assertThatThrownBy(() -> MessageCodec.decode(header, List.of()))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("truncated message: an int needs 4 bytes at offset 19, 3 left");
    }

    @Test
    void corruptStreamsAreRefused() {
        assertThatThrownBy(() -> MessageCodec.decode(ByteBuffer.wrap(new byte[] {99}), List.of()))
                .isInstanceOf(ProtocolException.class).hasMessage("unknown message type 99");
        assertThatThrownBy(() -> new FrameDecoder(1 << 20).feed(ByteBuffer.allocate(8).putInt(-5).putInt(0).flip()))
                .isInstanceOf(ProtocolException.class).hasMessage("bad header length -5");
        assertThatThrownBy(() -> new FrameDecoder(1 << 20).feed(ByteBuffer.allocate(16).putInt(10).putInt(1).putLong(-1).flip()))
                .isInstanceOf(ProtocolException.class).hasMessage("bad length -1 of payload frame 0");
        assertThatThrownBy(() -> new FrameDecoder(1000).feed(ByteBuffer.allocate(16).putInt(10).putInt(1).putLong(5000).flip()))
                .isInstanceOf(ProtocolException.class).hasMessage("message of 5026 bytes exceeds the limit of 1000");
        // a payload frame nothing refers to
        MessageCodec.Encoded e = MessageCodec.encode(new SchedulerToWorker.StealRequest(X, "s"));
        assertThatThrownBy(() -> MessageCodec.decode(e.header(), List.of(bytes("stray"))))
                .isInstanceOf(ProtocolException.class).hasMessage("payload frame 0 is not referenced by the message");
        // a count larger than the bytes that follow
        ByteBuffer lying = ByteBuffer.allocate(5).put((byte) 31).putInt(1_000_000).flip();
        assertThatThrownBy(() -> MessageCodec.decode(lying, List.of()))
                .isInstanceOf(ProtocolException.class).hasMessage("bad count 1000000 of keys at offset 1");
        // a record that rejects its fields
        ByteBuffer badRestriction = MessageCodec.encode(new ClientToScheduler.UpdateGraph(
                List.of(new TaskSpec(X, Payload.EMPTY, List.of(), 0, Restrictions.toResources(Map.of("GPU", 1.0)), 0)), List.of(), "u")).header();
        int at = indexOf(badRestriction, new byte[] {0x3f, (byte) 0xf0}); // 1.0 as a double
        badRestriction.put(at, (byte) 0xbf); // -1.0
        assertThatThrownBy(() -> MessageCodec.decode(badRestriction, List.of(Payload.EMPTY)))
                .isInstanceOf(ProtocolException.class).hasMessage("invalid message: resource GPU needs a positive amount, got -1.0");
    }

    private static int indexOf(ByteBuffer b, byte[] pattern) {
        for (int i = b.position(); i <= b.limit() - pattern.length; i++) {
            boolean ok = true;
            for (int j = 0; j < pattern.length && ok; j++) {
                ok = b.get(i + j) == pattern[j];
            }
            if (ok) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
