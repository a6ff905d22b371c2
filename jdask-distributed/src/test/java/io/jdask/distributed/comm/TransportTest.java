package io.jdask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.WorkerToWorker;
import io.jdask.graph.Key;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real sockets on 127.0.0.1: messages both ways, large payloads, refusals that say why. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Collects what arrives; answers GetData with the requested keys' names as bytes. */
    static final class Echo implements MessageHandler {
        final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();

        @Override
        public void received(Connection c, Message m) {
            received.add(m);
            if (m instanceof WorkerToWorker.GetData g) {
                c.send(new WorkerToWorker.DataReply(Map.of(g.keys().get(0), Payload.wrap(new byte[] {1, 2, 3})), List.of(), g.stimulusId()));
            }
        }
    }

    @Test
    void messagesAndLargePayloadsTravelBothWays() throws Exception {
        Echo server = new Echo();
        Echo client = new Echo();
        try (Transport a = Transport.create("scheduler", Security.token("s3cret"));
             Transport b = Transport.create("client", Security.token("s3cret"));
             Listener l = a.listen("127.0.0.1", 0, server)) {
            assertThat(l.address()).startsWith("tcp://127.0.0.1:");
            Connection c = b.connect(l.address(), TIMEOUT, client);
            assertThat(c.peer().role()).isEqualTo("scheduler");
            c.send(new WorkerToWorker.GetData(List.of(Key.of("x")), "me", "g1"));
            assertThat(server.received.poll(10, TimeUnit.SECONDS)).isEqualTo(new WorkerToWorker.GetData(List.of(Key.of("x")), "me", "g1"));
            assertThat(client.received.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(new WorkerToWorker.DataReply(Map.of(Key.of("x"), Payload.wrap(new byte[] {1, 2, 3})), List.of(), "g1"));
            byte[] big = new byte[24 << 20];
            new Random(7).nextBytes(big);
            WorkerToWorker.DataReply large = new WorkerToWorker.DataReply(Map.of(Key.of("big"), Payload.wrap(big), Key.of("small"), Payload.wrap(new byte[] {9})),
                    List.of(Key.of("none")), "large");
            c.send(large);
            assertThat(server.received.poll(20, TimeUnit.SECONDS)).isEqualTo(large);
            c.close();
        }
    }

    @Test
    void aWrongOrMissingTokenIsRefusedWithAClearMessage() throws Exception {
        try (Transport a = Transport.create("scheduler", Security.token("right"));
             Transport wrong = Transport.create("worker", Security.token("wrong"));
             Transport none = Transport.create("client", Security.none());
             Listener l = a.listen("127.0.0.1", 0, new Echo())) {
            assertThatThrownBy(() -> wrong.connect(l.address(), TIMEOUT, new Echo()))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageStartingWith("refused by the scheduler at ")
                    .hasMessageContaining("wrong or missing token");
            assertThatThrownBy(() -> none.connect(l.address(), TIMEOUT, new Echo()))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining("wrong or missing token");
        }
    }

    @Test
    void aPeerOfAnotherJdaskVersionIsRefusedNamingBothVersions() throws Exception {
        try (Transport a = Transport.withVersion("scheduler", Security.none(), "0.1.0");
             Transport b = Transport.withVersion("client", Security.none(), "9.9.9");
             Listener l = a.listen("127.0.0.1", 0, new Echo())) {
            assertThatThrownBy(() -> b.connect(l.address(), TIMEOUT, new Echo()))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining("incompatible")
                    .hasMessageContaining("0.1.0")
                    .hasMessageContaining("9.9.9");
        }
    }

    @Test
    void nothingListeningIsAConnectError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Transport b = Transport.create("client", Security.none())) {
            assertThatThrownBy(() -> b.connect("tcp://127.0.0.1:" + port, TIMEOUT, new Echo()))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("cannot connect to tcp://127.0.0.1:" + port);
        }
    }

    @Test
    void addressesParseAndComplain() {
        assertThat(Addresses.parse("tcp://10.0.0.1:8786").getPort()).isEqualTo(8786);
        assertThat(Addresses.parse("localhost:1").getHostString()).isEqualTo("localhost");
        assertThat(Addresses.format("::1", 5, false)).isEqualTo("tcp://[::1]:5");
        assertThatThrownBy(() -> Addresses.parse("udp://a:1")).hasMessageContaining("unknown scheme 'udp'");
        assertThatThrownBy(() -> Addresses.parse("tcp://a")).hasMessageContaining("has no port");
        assertThatThrownBy(() -> Addresses.parse("tcp://a:x")).hasMessageContaining("bad port 'x'");
    }
}
