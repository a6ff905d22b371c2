package io.jdask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.WorkerToWorker;
import io.jdask.graph.Key;
import io.jdask.serialize.FrameSource;
import io.jdask.serialize.Serialization;
import io.jdask.serialize.SerializationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large blocks between real sockets: a payload that holds a value is written from the value's
 * arrays; a worker's transport reads a large block straight into a new array (the payload holds
 * the value), other large payloads as bytes; a corrupt block becomes a failed payload that names
 * the reason while the connection carries on; the scheduler's transport never reads values.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportValueStreamingTest {
    private static final Serialization SER = Serialization.get();

    private static double[] doubles(int n, long seed) {
        Random rnd = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextGaussian();
        }
        return d;
    }

    /** A packed {@code jdask.double[]} of one frame of {@code frameBytes} bytes (need not be whole doubles). */
    private static byte[] doublesWithFrame(int frameBytes) {
        byte[] id = "jdask.double[]".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + id.length + 8 + frameBytes);
        b.putInt(0x4A44534B).put((byte) 1).put((byte) 0).putShort((short) id.length).put(id).putInt(1).putInt(frameBytes);
        return b.array();
    }

    private static Message receive(TransportTest.Echo e) throws InterruptedException {
        Message m = e.received.poll(30, TimeUnit.SECONDS);
        assertThat(m).as("a message within 30 s").isNotNull();
        return m;
    }

    @Test
    void aWorkerReadsLargeBlocksStraightIntoArraysAndOtherPayloadsAsBytes() throws Exception {
        double[] big = doubles((5 << 20) / 8 + 3, 1); // over the 4 MiB streaming threshold, not a whole slice
        double[] small = doubles(100, 2);
        byte[] opaque = new byte[6 << 20];
        new Random(3).nextBytes(opaque);
        TransportTest.Echo receiver = new TransportTest.Echo();
        try (Transport a = Transport.create("worker", Security.token("t"));
             Transport b = Transport.create("worker", Security.token("t"));
             Listener l = a.listen("127.0.0.1", 0, receiver)) {
            Connection c = b.connect(l.address(), TransportTest.TIMEOUT, new TransportTest.Echo());
            Payload sent = Payload.ofValue(big, SER.packedSource(big));
            WorkerToWorker.DataReply reply = new WorkerToWorker.DataReply(Map.of(Key.of("big"), sent,
                    Key.of("small"), Payload.wrap(SER.toBytes(small)), Key.of("opaque"), Payload.wrap(opaque)), List.of(), "r1");
            c.send(reply);
            WorkerToWorker.DataReply got = (WorkerToWorker.DataReply) receive(receiver);
            Payload gotBig = got.data().get(Key.of("big"));
            assertThat(gotBig.hasValue()).isTrue();
            assertThat((double[]) gotBig.value()).isEqualTo(big);
            assertThat(gotBig.size()).isEqualTo(SER.toBytes(big).length);
            assertThat(got.data().get(Key.of("small")).hasValue()).isFalse();
            assertThat(got.data().get(Key.of("opaque")).hasValue()).isFalse();
            // equal by content: the value payload's bytes are the packed value
            assertThat(got).isEqualTo(reply);
            c.close();
        }
    }

    @Test
    void aCorruptBlockBecomesAFailedPayloadAndTheConnectionCarriesOn() throws Exception {
        byte[] corrupt = doublesWithFrame((5 << 20) + 3); // not a whole number of doubles
        TransportTest.Echo receiver = new TransportTest.Echo();
        try (Transport a = Transport.create("worker", Security.token("t"));
             Transport b = Transport.create("worker", Security.token("t"));
             Listener l = a.listen("127.0.0.1", 0, receiver)) {
            Connection c = b.connect(l.address(), TransportTest.TIMEOUT, new TransportTest.Echo());
            c.send(new WorkerToWorker.DataReply(Map.of(Key.of("bad"), Payload.wrap(corrupt)), List.of(), "r1"));
            WorkerToWorker.DataReply got = (WorkerToWorker.DataReply) receive(receiver);
            Payload bad = got.data().get(Key.of("bad"));
            assertThat(bad.size()).isEqualTo(corrupt.length);
            assertThat(bad.hasValue()).isTrue();
            assertThatThrownBy(bad::value).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("frame 0 of a 'jdask.double[]' block has " + ((5 << 20) + 3)
                            + " bytes, not a multiple of the element width 8");
            assertThat(bad.toString()).contains("unreadable");

            double[] next = doubles((4 << 20) / 8, 4);
            c.send(new WorkerToWorker.DataReply(Map.of(Key.of("next"), Payload.wrap(SER.toBytes(next))), List.of(), "r2"));
            WorkerToWorker.DataReply after = (WorkerToWorker.DataReply) receive(receiver);
            assertThat(after.stimulusId()).isEqualTo("r2");
            assertThat((double[]) after.data().get(Key.of("next")).value()).isEqualTo(next);
            c.close();
        }
    }

    @Test
    void theSchedulerForwardsLargeBlocksAsBytes() throws Exception {
        double[] big = doubles((5 << 20) / 8, 5);
        TransportTest.Echo receiver = new TransportTest.Echo();
        try (Transport a = Transport.create("scheduler", Security.token("t"));
             Transport b = Transport.create("worker", Security.token("t"));
             Listener l = a.listen("127.0.0.1", 0, receiver)) {
            Connection c = b.connect(l.address(), TransportTest.TIMEOUT, new TransportTest.Echo());
            c.send(new WorkerToWorker.DataReply(Map.of(Key.of("big"), Payload.ofValue(big, SER.packedSource(big))), List.of(), "r1"));
            Payload got = ((WorkerToWorker.DataReply) receive(receiver)).data().get(Key.of("big"));
            assertThat(got.hasValue()).isFalse();
            assertThat(got.array()).isEqualTo(SER.toBytes(big));
            c.close();
        }
    }

    /** Records the close of each connection and its cause. */
    private static final class Closes implements MessageHandler {
        final java.util.concurrent.LinkedBlockingQueue<Message> received = new java.util.concurrent.LinkedBlockingQueue<>();
        final java.util.concurrent.CompletableFuture<Throwable> closed = new java.util.concurrent.CompletableFuture<>();

        @Override
        public void received(Connection c, Message m) {
            received.add(m);
        }

        @Override
        public void closed(Connection c, Throwable cause) {
            closed.complete(cause);
        }
    }

    @Test
    void aConnectionCutInTheMiddleOfALargeBlockTellsHowFarItGot() throws Exception {
        double[] big = doubles((6 << 20) / 8, 6);
        FrameSource packed = SER.packedSource(big);
        Closes receiver = new Closes();
        try (Transport a = Transport.create("worker", Security.token("t"));
             Transport b = Transport.create("worker", Security.token("t"));
             Listener l = a.listen("127.0.0.1", 0, receiver)) {
            Connection c = b.connect(l.address(), TransportTest.TIMEOUT, new TransportTest.Echo());
            // the sender's side closes once 2 MiB of the block went out
            FrameSource cut = new FrameSource() {
                @Override
                public long length() {
                    return packed.length();
                }

                @Override
                public void copyTo(long offset, ByteBuffer dst) {
                    if (offset >= 2 << 20) {
                        c.close();
                    }
                    packed.copyTo(offset, dst);
                }
            };
            c.send(new WorkerToWorker.DataReply(Map.of(Key.of("big"), Payload.ofValue(big, cut)), List.of(), "r1"));
            Throwable cause = receiver.closed.get(30, TimeUnit.SECONDS);
            assertThat(cause).isInstanceOf(io.jdask.distributed.protocol.ProtocolException.class)
                    .hasMessageContaining("the connection closed in the middle of a message")
                    .hasMessageContaining("of the " + packed.length() + " bytes of payload frame 0 (of 1) arrived, read straight into a value");
            assertThat(receiver.received).isEmpty();
        }
    }

    @Test
    void aConnectionClosedBetweenMessagesHasNoCause() throws Exception {
        Closes receiver = new Closes();
        try (Transport a = Transport.create("worker", Security.token("t"));
             Transport b = Transport.create("worker", Security.token("t"));
             Listener l = a.listen("127.0.0.1", 0, receiver)) {
            Connection c = b.connect(l.address(), TransportTest.TIMEOUT, new TransportTest.Echo());
            c.send(new WorkerToWorker.DataReply(Map.of(Key.of("x"), Payload.wrap(new byte[] {1})), List.of(), "r1"));
            assertThat(receiver.received.poll(30, TimeUnit.SECONDS)).isInstanceOf(WorkerToWorker.DataReply.class);
            c.close();
            assertThat(receiver.closed.get(30, TimeUnit.SECONDS)).isNull();
        }
    }
}
